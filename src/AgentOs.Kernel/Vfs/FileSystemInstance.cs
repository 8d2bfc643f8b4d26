using AgentOs.Kernel.Limits;

namespace AgentOs.Kernel.Vfs;

/// <summary>
/// One file system's identity and accounting: its device number, inode numbering and clock, and — for the VM's
/// writable tree — the byte and inode gauges that every inode of it is charged to. A file system without gauges
/// (a read-only package tree, /proc) charges nothing.
/// </summary>
internal sealed class FileSystemInstance
{
    private long _lastIno;

    public FileSystemInstance(ulong device, TimeProvider time, LimitGauge? bytes, LimitGauge? inodes)
    {
        Device = device;
        Time = time;
        Bytes = bytes;
        Inodes = inodes;
    }

    /// <summary>st_dev of every inode of this file system.</summary>
    public ulong Device { get; }

    public TimeProvider Time { get; }

    /// <summary>The byte budget file contents and symlink targets are charged to; null when uncharged.</summary>
    public LimitGauge? Bytes { get; }

    /// <summary>The inode budget every created inode is charged to; null when uncharged.</summary>
    public LimitGauge? Inodes { get; }

    /// <summary>Inode numbers handed out so far.</summary>
    public long InodesAllocated => Volatile.Read(ref _lastIno);

    public ulong NextInodeNumber() => (ulong)Interlocked.Increment(ref _lastIno);

    /// <summary>Now, in nanoseconds since the Unix epoch.</summary>
    public long NowNs() => (Time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;

    public bool TryReserveInode() => Inodes?.TryReserve(1) ?? true;

    public void ReleaseInode() => Inodes?.Release(1);

    public bool TryReserveBytes(long amount) => amount == 0 || (Bytes?.TryReserve(amount) ?? true);

    public void ReleaseBytes(long amount)
    {
        if (amount > 0)
        {
            Bytes?.Release(amount);
        }
    }

    /// <summary>Bytes that could still be reserved.</summary>
    public long AvailableBytes => Bytes?.Available ?? long.MaxValue;

    /// <summary>statfs figures: the gauges' caps and usage (zeros for an uncharged file system).</summary>
    public StatFsInfo StatFs()
    {
        var totalBytes = Bytes?.Capacity ?? 0;
        var usedBytes = Bytes?.Current ?? 0;
        var totalInodes = Inodes?.Capacity ?? InodesAllocated;
        var freeInodes = Inodes?.Available ?? 0;
        return new StatFsInfo(totalBytes, usedBytes, Math.Max(0, totalBytes - usedBytes), totalInodes, freeInodes);
    }
}
