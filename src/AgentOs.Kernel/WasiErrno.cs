namespace AgentOs.Kernel;

/// <summary>The one table from kernel <see cref="Errno"/> to WASI preview1 errno numbers (spec §2.1).</summary>
public static class WasiErrno
{
    private const ushort NoNumber = ushort.MaxValue;

    /// <summary>Returns the WASI preview1 number for <paramref name="errno"/>; names WASI lacks map to EIO (29).</summary>
    public static ushort From(Errno errno) => TryMap(errno, out var wasi) ? wasi : (ushort)29;

    // C# cannot prove a switch over an enum exhaustive, so a test maps every Errno member through this: adding a
    // member without a WASI number fails the suite, not a guest.
    internal static ushort Map(Errno errno) =>
        TryMap(errno, out var wasi) ? wasi : throw new ArgumentOutOfRangeException(nameof(errno), errno, "Errno has no WASI mapping; add one.");

    // A switch, not a table built from Enum.GetValues: that reflection cost a CLI's start-up ~4 ms.
    private static bool TryMap(Errno errno, out ushort wasi)
    {
        wasi = Number(errno);
        return wasi != NoNumber;
    }

    private static ushort Number(Errno errno) => errno switch
    {
        Errno.Success => 0,
        Errno.E2BIG => 1,
        Errno.EACCES => 2,
        Errno.EADDRINUSE => 3,
        Errno.EADDRNOTAVAIL => 4,
        Errno.EAFNOSUPPORT => 5,
        Errno.EAGAIN => 6,
        Errno.EALREADY => 7,
        Errno.EBADF => 8,
        Errno.EBADMSG => 9,
        Errno.EBUSY => 10,
        Errno.ECANCELED => 11,
        Errno.ECHILD => 12,
        Errno.ECONNABORTED => 13,
        Errno.ECONNREFUSED => 14,
        Errno.ECONNRESET => 15,
        Errno.EDEADLK => 16,
        Errno.EDESTADDRREQ => 17,
        Errno.EDOM => 18,
        Errno.EDQUOT => 19,
        Errno.EEXIST => 20,
        Errno.EFAULT => 21,
        Errno.EFBIG => 22,
        Errno.EHOSTUNREACH => 23,
        Errno.EILSEQ => 25,
        Errno.EINPROGRESS => 26,
        Errno.EINTR => 27,
        Errno.EINVAL => 28,
        Errno.EIO => 29,
        Errno.EISCONN => 30,
        Errno.EISDIR => 31,
        Errno.ELOOP => 32,
        Errno.EMFILE => 33,
        Errno.EMLINK => 34,
        Errno.EMSGSIZE => 35,
        Errno.ENAMETOOLONG => 37,
        Errno.ENETDOWN => 38,
        Errno.ENETUNREACH => 40,
        Errno.ENFILE => 41,
        Errno.ENOBUFS => 42,
        Errno.ENODEV => 43,
        Errno.ENOENT => 44,
        Errno.ENOEXEC => 45,
        Errno.ENOLCK => 46,
        Errno.ENOLINK => 47,
        Errno.ENOMEM => 48,
        Errno.ENOMSG => 49,
        Errno.ENOPROTOOPT => 50,
        Errno.ENOSPC => 51,
        Errno.ENOSYS => 52,
        Errno.ENOTCONN => 53,
        Errno.ENOTDIR => 54,
        Errno.ENOTEMPTY => 55,
        Errno.ENOTSOCK => 57,
        Errno.EOPNOTSUPP => 58,
        Errno.ENOTTY => 59,
        Errno.ENXIO => 60,
        Errno.EOVERFLOW => 61,
        Errno.EPERM => 63,
        Errno.EPIPE => 64,
        Errno.EPROTO => 65,
        Errno.EPROTONOSUPPORT => 66,
        Errno.EPROTOTYPE => 67,
        Errno.ERANGE => 68,
        Errno.EROFS => 69,
        Errno.ESPIPE => 70,
        Errno.ESRCH => 71,
        Errno.ESTALE => 72,
        Errno.ETIMEDOUT => 73,
        Errno.ETXTBSY => 74,
        Errno.EXDEV => 75,
        Errno.ENODATA => 78,
        Errno.ESOCKTNOSUPPORT => 77,
        Errno.ENOSR => 29,
        _ => NoNumber,
    };
}
