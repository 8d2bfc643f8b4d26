namespace AgentOs.Kernel.Tests;

public sealed class WasiErrnoTests
{
    [Fact]
    public void EveryErrnoHasAnExplicitWasiNumber()
    {
        foreach (var errno in Enum.GetValues<Errno>())
        {
            var exception = Record.Exception(() => WasiErrno.Map(errno));
            Assert.Null(exception);
        }
    }

    [Theory]
    [InlineData(Errno.Success, 0)]
    [InlineData(Errno.E2BIG, 1)]
    [InlineData(Errno.EACCES, 2)]
    [InlineData(Errno.EAGAIN, 6)]
    [InlineData(Errno.EBADF, 8)]
    [InlineData(Errno.ECHILD, 12)]
    [InlineData(Errno.EEXIST, 20)]
    [InlineData(Errno.EFAULT, 21)]
    [InlineData(Errno.EINTR, 27)]
    [InlineData(Errno.EINVAL, 28)]
    [InlineData(Errno.EIO, 29)]
    [InlineData(Errno.ELOOP, 32)]
    [InlineData(Errno.EMFILE, 33)]
    [InlineData(Errno.ENFILE, 41)]
    [InlineData(Errno.ENOENT, 44)]
    [InlineData(Errno.ENOSPC, 51)]
    [InlineData(Errno.ENOSYS, 52)]
    [InlineData(Errno.ENOTDIR, 54)]
    [InlineData(Errno.ENOTEMPTY, 55)]
    [InlineData(Errno.EOPNOTSUPP, 58)]
    [InlineData(Errno.EPERM, 63)]
    [InlineData(Errno.EPIPE, 64)]
    [InlineData(Errno.EROFS, 69)]
    [InlineData(Errno.ESPIPE, 70)]
    [InlineData(Errno.ESRCH, 71)]
    [InlineData(Errno.ETIMEDOUT, 73)]
    [InlineData(Errno.EXDEV, 75)]
    [InlineData(Errno.ENODATA, 78)]
    public void MapsToWasiPreview1Numbers(Errno errno, int wasi) => Assert.Equal(wasi, WasiErrno.From(errno));

    [Fact]
    public void LinuxAndWasiNumbersDifferWhereTheSpecSaysTheyDo()
    {
        // EBADF/EINVAL/EMFILE are 9/22/24 on Linux but 8/28/33 in WASI: the table must not pass numbers through.
        Assert.Equal(9, (int)Errno.EBADF);
        Assert.Equal(8, WasiErrno.From(Errno.EBADF));
        Assert.Equal(22, (int)Errno.EINVAL);
        Assert.Equal(28, WasiErrno.From(Errno.EINVAL));
    }
}
