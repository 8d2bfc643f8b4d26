using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Ipc;
using AgentOs.Kernel.Tests.Net;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Tests.Vfs;

/// <summary>Named FIFOs: opens join the node's current pipe without waiting for the other side.</summary>
public sealed class FifoTests
{
    private static int Open(NetTestVm vm, AgentOs.Kernel.Processes.Process process, OpenFlags flags)
    {
        Assert.Equal(Errno.Success, vm.Kernel.OpenAt(process, Kernel.AtCwd, "/tmp/p", flags, 0, out var fd));
        return fd;
    }

    private static byte[] ReadAll(NetTestVm vm, int fd)
    {
        var all = new List<byte>();
        var buffer = new byte[64];
        while (true)
        {
            Assert.Equal(Errno.Success, vm.Kernel.Read(vm.Process, fd, buffer, out var n));
            if (n == 0)
            {
                return [.. all];
            }

            all.AddRange(buffer[..n]);
        }
    }

    [Fact]
    public void AFifoIsANodeWithFifoTypeAndTheCallersPermissionsLessTheUmask()
    {
        var vm = new NetTestVm();

        Assert.Equal(Errno.Success, vm.Kernel.MkfifoAt(vm.Process, Kernel.AtCwd, "/tmp/p", 0x1B6));

        Assert.Equal(Errno.Success, vm.Kernel.StatAt(vm.Process, Kernel.AtCwd, "/tmp/p", follow: true, out var stat));
        Assert.Equal(ModeBits.Fifo | (0x1B6u & ~vm.Process.Umask), stat.Mode);
        Assert.Equal(Errno.EEXIST, vm.Kernel.MkfifoAt(vm.Process, Kernel.AtCwd, "/tmp/p", 0x1B6));
    }

    [Fact]
    public void WhatAWriterLeftBeforeAnyReaderOpenedIsReadThenEndOfFile()
    {
        var vm = new NetTestVm();
        Assert.Equal(Errno.Success, vm.Kernel.MkfifoAt(vm.Process, Kernel.AtCwd, "/tmp/p", 0x1B6));

        var write = Open(vm, vm.Process, OpenFlags.WriteOnly);
        Assert.Equal(Errno.Success, vm.Kernel.Write(vm.Process, write, "early"u8, out _));
        vm.Kernel.Close(vm.Process, write);
        var read = Open(vm, vm.Process, OpenFlags.ReadOnly);

        Assert.Equal("early"u8.ToArray(), ReadAll(vm, read));
    }

    [Fact]
    public void AfterTheLastReaderLeavesTheNextOpensStartANewPipe()
    {
        var vm = new NetTestVm();
        Assert.Equal(Errno.Success, vm.Kernel.MkfifoAt(vm.Process, Kernel.AtCwd, "/tmp/p", 0x1B6));
        var read = Open(vm, vm.Process, OpenFlags.ReadOnly);
        var write = Open(vm, vm.Process, OpenFlags.WriteOnly);
        Assert.Equal(Errno.Success, vm.Kernel.Write(vm.Process, write, "one"u8, out _));
        vm.Kernel.Close(vm.Process, write);
        Assert.Equal("one"u8.ToArray(), ReadAll(vm, read));
        vm.Kernel.Close(vm.Process, read);

        write = Open(vm, vm.Process, OpenFlags.WriteOnly);
        Assert.Equal(Errno.Success, vm.Kernel.Write(vm.Process, write, "two"u8, out _));
        vm.Kernel.Close(vm.Process, write);
        read = Open(vm, vm.Process, OpenFlags.ReadOnly);

        Assert.Equal("two"u8.ToArray(), ReadAll(vm, read));
    }

    [Fact]
    public async Task AReaderHoldingTheOnlyWriterStillWaitsForAnotherOpener()
    {
        // Unlike an anonymous pipe (EDEADLK), anyone may open a FIFO for writing later.
        var vm = new NetTestVm();
        Assert.Equal(Errno.Success, vm.Kernel.MkfifoAt(vm.Process, Kernel.AtCwd, "/tmp/p", 0x1B6));
        var read = Open(vm, vm.Process, OpenFlags.ReadOnly);
        Open(vm, vm.Process, OpenFlags.WriteOnly);
        Assert.Equal(Errno.Success, vm.Process.Fds.Get(read, out var end));
        var pipe = ((PipeReadEnd)end).Pipe;
        var buffer = new byte[8];

        var reader = Task.Run(() => (vm.Kernel.Read(vm.Process, read, buffer, out var n), n));
        Assert.True(SpinWait.SpinUntil(() => pipe.BlockedReaders == 1, NetTestVm.Generous));
        var other = vm.NewProcess();
        var write = Open(vm, other, OpenFlags.WriteOnly);
        Assert.Equal(Errno.Success, vm.Kernel.Write(other, write, "hi"u8, out _));

        Assert.Equal((Errno.Success, 2), await reader.WaitAsync(NetTestVm.Generous));
    }

    [Fact]
    public void AReadWriteOpenReadsWhatItWroteAndKeepsBothSidesOpen()
    {
        var vm = new NetTestVm();
        Assert.Equal(Errno.Success, vm.Kernel.MkfifoAt(vm.Process, Kernel.AtCwd, "/tmp/p", 0x1B6));
        var both = Open(vm, vm.Process, OpenFlags.ReadWrite);
        var read = Open(vm, vm.Process, OpenFlags.ReadOnly);
        var write = Open(vm, vm.Process, OpenFlags.WriteOnly);
        var buffer = new byte[8];

        Assert.Equal(Errno.Success, vm.Kernel.Write(vm.Process, both, "ab"u8, out _));
        Assert.Equal(Errno.Success, vm.Kernel.Read(vm.Process, both, buffer.AsSpan(0, 1), out var n));
        Assert.Equal("a"u8.ToArray(), buffer[..n]);
        vm.Kernel.Close(vm.Process, write); // the read-write descriptor still writes: no EOF yet
        Assert.Equal(Errno.Success, vm.Kernel.Write(vm.Process, both, "c"u8, out _));
        Assert.Equal(Errno.Success, vm.Kernel.Read(vm.Process, read, buffer, out n));
        Assert.Equal("bc"u8.ToArray(), buffer[..n]);
        vm.Kernel.Close(vm.Process, both);

        Assert.Equal(Errno.Success, vm.Kernel.Read(vm.Process, read, buffer, out n));
        Assert.Equal(0, n);
    }
}
