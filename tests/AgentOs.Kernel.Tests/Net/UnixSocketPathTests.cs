using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Net;
using AgentOs.Kernel.Vfs;
using static AgentOs.Kernel.Tests.Net.NetTestVm;

namespace AgentOs.Kernel.Tests.Net;

public sealed class UnixSocketPathTests
{
    private const int Cwd = Kernel.AtCwd;

    [Fact]
    public void BindCreatesASocketNodeOwnedByTheCallerWithTheUmaskApplied()
    {
        var vm = new NetTestVm();
        vm.Kernel.Umask(vm.Process, 0x12); // 022
        var inodes = vm.Gauge(LimitNames.Inodes).Current;
        var fd = vm.Socket(SocketDomain.Unix);

        Assert.Equal(Errno.Success, vm.Kernel.SocketBind(vm.Process, fd, Addr("unix:/tmp/s.sock")));

        Assert.Equal(Errno.Success, vm.Kernel.StatAt(vm.Process, Cwd, "/tmp/s.sock", follow: false, out var stat));
        Assert.Equal(ModeBits.Socket, stat.Mode & ModeBits.TypeMask);
        Assert.Equal(0x1EDu, stat.Mode & ModeBits.PermissionMask); // 0755
        Assert.Equal(FileType.SocketStream, stat.FileType);
        Assert.Equal(1000u, stat.Uid);
        Assert.Equal(inodes + 1, vm.Gauge(LimitNames.Inodes).Current);
    }

    [Fact]
    public void BindResolvesRelativePathsFromTheWorkingDirectory()
    {
        var vm = new NetTestVm();
        Assert.Equal(Errno.Success, vm.Kernel.MkdirAt(vm.Process, Cwd, "/tmp/run", 0x1FF));
        vm.Process.WorkingDirectory = "/tmp/run";
        var listener = vm.Socket(SocketDomain.Unix);
        Assert.Equal(Errno.Success, vm.Kernel.SocketBind(vm.Process, listener, Addr("unix:app.sock")));
        Assert.Equal(Errno.Success, vm.Kernel.SocketListen(vm.Process, listener, 4));

        Assert.Equal(Errno.Success, vm.Kernel.StatAt(vm.Process, Cwd, "/tmp/run/app.sock", follow: false, out var stat));
        Assert.Equal(FileType.SocketStream, stat.FileType);
        Assert.Equal(Errno.Success, vm.Kernel.SocketName(vm.Process, listener, peer: false, out var name));
        Assert.Equal("unix:/tmp/run/app.sock", name.ToString());
        var client = vm.Socket(SocketDomain.Unix);
        Assert.Equal(Errno.Success, vm.Kernel.SocketConnect(vm.Process, client, Addr("unix:/tmp/run/app.sock")));
    }

    [Fact]
    public void BindFailsLikeAFileCreate()
    {
        var vm = new NetTestVm();
        Assert.Equal(Errno.Success, vm.Kernel.OpenAt(vm.Process, Cwd, "/tmp/file", OpenFlags.Create | OpenFlags.WriteOnly, 0x1A4, out var file));
        vm.Kernel.Close(vm.Process, file);
        var fd = vm.Socket(SocketDomain.Unix);

        Assert.Equal(Errno.EADDRINUSE, vm.Kernel.SocketBind(vm.Process, fd, Addr("unix:/tmp/file")));
        Assert.Equal(Errno.ENOENT, vm.Kernel.SocketBind(vm.Process, fd, Addr("unix:/tmp/missing/s")));
        Assert.Equal(Errno.ENOTDIR, vm.Kernel.SocketBind(vm.Process, fd, Addr("unix:/tmp/file/s")));
        Assert.Equal(Errno.EACCES, vm.Kernel.SocketBind(vm.Process, fd, Addr("unix:/etc/s.sock")));
        Assert.Equal(Errno.Success, vm.Kernel.SocketBind(vm.Process, fd, Addr("unix:/tmp/s")));
        Assert.Equal(Errno.EINVAL, vm.Kernel.SocketBind(vm.Process, fd, Addr("unix:/tmp/s2")));
        Assert.Equal(Errno.ENOENT, vm.Kernel.StatAt(vm.Process, Cwd, "/tmp/s2", follow: false, out _));
    }

    [Fact]
    public void BindAtTheInodeCapIsEnospcAndCreatesNothing()
    {
        var vm = new NetTestVm();
        var inodes = vm.Gauge(LimitNames.Inodes);
        Assert.True(inodes.TryReserve(inodes.Available));
        var fd = vm.Socket(SocketDomain.Unix);

        Assert.Equal(Errno.ENOSPC, vm.Kernel.SocketBind(vm.Process, fd, Addr("unix:/tmp/s")));
        Assert.Equal(Errno.ENOENT, vm.Kernel.StatAt(vm.Process, Cwd, "/tmp/s", follow: false, out _));
        Assert.Equal(Errno.Success, vm.Kernel.SocketName(vm.Process, fd, peer: false, out var name));
        Assert.Equal("unix-unnamed", name.ToString());
    }

    [Fact]
    public void ConnectFindsTheSocketThroughTheNodeAndFollowsSymlinksAndRenames()
    {
        var vm = new NetTestVm();
        var listener = vm.Socket(SocketDomain.Unix);
        Assert.Equal(Errno.Success, vm.Kernel.SocketBind(vm.Process, listener, Addr("unix:/tmp/a.sock")));
        Assert.Equal(Errno.Success, vm.Kernel.SocketListen(vm.Process, listener, 4));
        Assert.Equal(Errno.Success, vm.Kernel.SymlinkAt(vm.Process, "/tmp/a.sock", Cwd, "/tmp/link"));
        Assert.Equal(Errno.Success, vm.Kernel.RenameAt(vm.Process, Cwd, "/tmp/a.sock", Cwd, "/tmp/b.sock"));

        var client = vm.Socket(SocketDomain.Unix);
        Assert.Equal(Errno.ENOENT, vm.Kernel.SocketConnect(vm.Process, client, Addr("unix:/tmp/link"))); // dangling now
        Assert.Equal(Errno.Success, vm.Kernel.SymlinkAt(vm.Process, "b.sock", Cwd, "/tmp/link2"));
        Assert.Equal(Errno.ENOENT, vm.Kernel.SocketConnect(vm.Process, client, Addr("unix:/tmp/a.sock")));
        Assert.Equal(Errno.Success, vm.Kernel.SocketConnect(vm.Process, client, Addr("unix:/tmp/link2")));
        var direct = vm.Socket(SocketDomain.Unix);
        Assert.Equal(Errno.Success, vm.Kernel.SocketConnect(vm.Process, direct, Addr("unix:/tmp/b.sock")));
    }

    [Fact]
    public void ConnectToAPathThatIsNotALiveSocketFailsAsOnLinux()
    {
        var vm = new NetTestVm();
        Assert.Equal(Errno.Success, vm.Kernel.OpenAt(vm.Process, Cwd, "/tmp/file", OpenFlags.Create | OpenFlags.WriteOnly, 0x1B6, out var file));
        var bound = vm.Socket(SocketDomain.Unix);
        Assert.Equal(Errno.Success, vm.Kernel.SocketBind(vm.Process, bound, Addr("unix:/tmp/bound")));
        var client = vm.Socket(SocketDomain.Unix);

        Assert.Equal(Errno.ENOENT, vm.Kernel.SocketConnect(vm.Process, client, Addr("unix:/tmp/none")));
        Assert.Equal(Errno.ECONNREFUSED, vm.Kernel.SocketConnect(vm.Process, client, Addr("unix:/tmp/file")));
        Assert.Equal(Errno.ECONNREFUSED, vm.Kernel.SocketConnect(vm.Process, client, Addr("unix:/tmp/bound"))); // not listening
        Assert.Equal(Errno.ENXIO, vm.Kernel.OpenAt(vm.Process, Cwd, "/tmp/bound", OpenFlags.ReadWrite, 0, out _));
        vm.Kernel.Close(vm.Process, file);
    }

    [Fact]
    public void ConnectNeedsWritePermissionOnTheSocketNode()
    {
        var vm = new NetTestVm();
        var listener = vm.Socket(SocketDomain.Unix);
        Assert.Equal(Errno.Success, vm.Kernel.SocketBind(vm.Process, listener, Addr("unix:/tmp/p.sock")));
        Assert.Equal(Errno.Success, vm.Kernel.SocketListen(vm.Process, listener, 4));
        Assert.Equal(Errno.Success, vm.Kernel.ChmodAt(vm.Process, Cwd, "/tmp/p.sock", 0x124, follow: false)); // 0444
        var client = vm.Socket(SocketDomain.Unix);

        Assert.Equal(Errno.EACCES, vm.Kernel.SocketConnect(vm.Process, client, Addr("unix:/tmp/p.sock")));
        Assert.Equal(Errno.Success, vm.Kernel.ChmodAt(vm.Process, Cwd, "/tmp/p.sock", 0x180, follow: false)); // 0600
        Assert.Equal(Errno.Success, vm.Kernel.SocketConnect(vm.Process, client, Addr("unix:/tmp/p.sock")));
    }

    [Fact]
    public void UnlinkRemovesTheNameButConnectionsKeepWorking()
    {
        var vm = new NetTestVm();
        var inodes = vm.Gauge(LimitNames.Inodes).Current;
        var listener = vm.Socket(SocketDomain.Unix);
        Assert.Equal(Errno.Success, vm.Kernel.SocketBind(vm.Process, listener, Addr("unix:/tmp/u.sock")));
        Assert.Equal(Errno.Success, vm.Kernel.SocketListen(vm.Process, listener, 4));
        var client = vm.Socket(SocketDomain.Unix);
        Assert.Equal(Errno.Success, vm.Kernel.SocketConnect(vm.Process, client, Addr("unix:/tmp/u.sock")));

        Assert.Equal(Errno.Success, vm.Kernel.UnlinkAt(vm.Process, Cwd, "/tmp/u.sock", removeDirectory: false));

        Assert.Equal(inodes, vm.Gauge(LimitNames.Inodes).Current);
        Assert.Equal(Errno.Success, vm.Kernel.SocketAccept(vm.Process, listener, out var server, out _));
        vm.Send(client, "still"u8);
        Assert.Equal("still"u8.ToArray(), vm.Receive(server, 8));
        var late = vm.Socket(SocketDomain.Unix);
        Assert.Equal(Errno.ENOENT, vm.Kernel.SocketConnect(vm.Process, late, Addr("unix:/tmp/u.sock")));

        // The name is free again for a new socket.
        var second = vm.Socket(SocketDomain.Unix);
        Assert.Equal(Errno.Success, vm.Kernel.SocketBind(vm.Process, second, Addr("unix:/tmp/u.sock")));
    }

    [Fact]
    public void ClosingTheSocketLeavesThePathAndConnectsAreRefused()
    {
        var vm = new NetTestVm();
        var listener = vm.Socket(SocketDomain.Unix);
        Assert.Equal(Errno.Success, vm.Kernel.SocketBind(vm.Process, listener, Addr("unix:/tmp/c.sock")));
        Assert.Equal(Errno.Success, vm.Kernel.SocketListen(vm.Process, listener, 4));

        vm.Kernel.Close(vm.Process, listener);

        Assert.Equal(Errno.Success, vm.Kernel.StatAt(vm.Process, Cwd, "/tmp/c.sock", follow: false, out var stat));
        Assert.Equal(FileType.SocketStream, stat.FileType);
        var client = vm.Socket(SocketDomain.Unix);
        Assert.Equal(Errno.ECONNREFUSED, vm.Kernel.SocketConnect(vm.Process, client, Addr("unix:/tmp/c.sock")));
        var again = vm.Socket(SocketDomain.Unix);
        Assert.Equal(Errno.EADDRINUSE, vm.Kernel.SocketBind(vm.Process, again, Addr("unix:/tmp/c.sock")));
    }

    [Fact]
    public void AbstractNamesStayOutOfTheFileSystem()
    {
        var vm = new NetTestVm();
        var listener = vm.Socket(SocketDomain.Unix);
        Assert.Equal(Errno.Success, vm.Kernel.SocketBind(vm.Process, listener, Addr("unix-abstract:6162")));
        Assert.Equal(Errno.Success, vm.Kernel.SocketListen(vm.Process, listener, 4));
        var client = vm.Socket(SocketDomain.Unix);
        Assert.Equal(Errno.Success, vm.Kernel.SocketConnect(vm.Process, client, Addr("unix-abstract:6162")));
        Assert.Equal(Errno.Success, vm.Kernel.SocketName(vm.Process, client, peer: true, out var peer));
        Assert.Equal("unix-abstract:6162", peer.ToString());
        var other = vm.Socket(SocketDomain.Unix);
        Assert.Equal(Errno.EADDRINUSE, vm.Kernel.SocketBind(vm.Process, other, Addr("unix-abstract:6162")));
    }
}
