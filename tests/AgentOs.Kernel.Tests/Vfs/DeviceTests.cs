using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Threading;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Tests.Vfs;

public sealed class DeviceTests
{
    private readonly VfsHarness _h = new(baseTree: true);

    [Fact]
    public void DevNullReadsEofAndSwallowsWrites()
    {
        var device = _h.Open("/dev/null", OpenFlags.ReadWrite, VfsHarness.User);
        Assert.Equal(5, VfsHarness.Write(device, "hello"));
        var buffer = new byte[8];
        Assert.Equal(Errno.Success, device.Read(buffer, WaitContext.Unbounded, out var read));
        Assert.Equal(0, read);
        Assert.Equal(FileType.CharacterDevice, device.FileType);
        Assert.Equal(Errno.Success, device.Stat(out var stat));
        Assert.Equal(ModeBits.CharDevice | 0x1B6u, stat.Mode);
        Assert.Equal(0x103ul, stat.RDev);
        VfsHarness.Close(device);
    }

    [Fact]
    public void DevZeroReadsZeros()
    {
        var device = _h.Open("/dev/zero", OpenFlags.ReadOnly);
        var buffer = Enumerable.Repeat((byte)7, 100).ToArray();
        Assert.Equal(Errno.Success, device.Read(buffer, WaitContext.Unbounded, out var read));
        Assert.Equal(100, read);
        Assert.All(buffer, b => Assert.Equal(0, b));
        VfsHarness.Close(device);
    }

    [Fact]
    public void DevFullRejectsWritesWithEnospcAndReadsZeros()
    {
        var device = _h.Open("/dev/full", OpenFlags.ReadWrite);
        Assert.Equal(Errno.ENOSPC, device.Write("x"u8.ToArray(), WaitContext.Unbounded, out var written));
        Assert.Equal(0, written);
        var buffer = new byte[] { 1, 2 };
        Assert.Equal(Errno.Success, device.Read(buffer, WaitContext.Unbounded, out var read));
        Assert.Equal((2, 0, 0), (read, buffer[0], buffer[1]));
        VfsHarness.Close(device);
    }

    [Fact]
    public void DevUrandomAndRandomProduceRandomBytes()
    {
        foreach (var path in new[] { "/dev/urandom", "/dev/random" })
        {
            var device = _h.Open(path, OpenFlags.ReadOnly);
            var a = new byte[64];
            var b = new byte[64];
            Assert.Equal(Errno.Success, device.Read(a, WaitContext.Unbounded, out var read));
            Assert.Equal(64, read);
            Assert.Equal(Errno.Success, device.Read(b, WaitContext.Unbounded, out _));
            Assert.NotEqual(a, b);
            VfsHarness.Close(device);
        }
    }

    [Fact]
    public void OnlyRootMayCreateDevices()
    {
        Assert.Equal(Errno.EPERM, _h.Fs.MakeCharDevice(VfsHarness.User, "/tmp/null2", CharDevice.Null, 0x1B6));
        Assert.Equal(Errno.Success, _h.Fs.MakeCharDevice(VfsHarness.Root, "/tmp/null2", CharDevice.Null, 0x1B6));
        Assert.Equal(FileType.CharacterDevice, _h.Stat("/tmp/null2").FileType);
    }
}
