using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Ipc;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Tests.Net;

namespace AgentOs.Kernel.Tests.Ipc;

/// <summary>
/// A blocking read or write on a pipe whose other end only the caller holds could never finish (a guest process is
/// one thread): brush's <c>read &lt; &lt;(cmd)</c> and its here-documents reach that.
/// </summary>
public sealed class OwnPipeTests
{
    private static Pipe PipeOf(NetTestVm vm, int fd)
    {
        Assert.Equal(Errno.Success, vm.Process.Fds.Get(fd, out var file));
        return ((PipeReadEnd)file).Pipe;
    }

    [Fact]
    public void ReadingAnEmptyPipeWhoseWritersAreAllTheReadersOwnIsEdeadlk()
    {
        var vm = new NetTestVm();
        Assert.Equal(Errno.Success, vm.Kernel.Pipe(vm.Process, out var read, out var write));
        Assert.Equal(Errno.Success, vm.Kernel.Dup(vm.Process, write, 0, out var copy));
        var buffer = new byte[8];

        Assert.Equal(Errno.EDEADLK, vm.Kernel.Read(vm.Process, read, buffer, out _));
        Assert.Equal(Errno.Success, vm.Kernel.Write(vm.Process, copy, "x"u8, out _));
        Assert.Equal(Errno.Success, vm.Kernel.Read(vm.Process, read, buffer, out var n));
        Assert.Equal("x"u8.ToArray(), buffer[..n]);
        vm.Kernel.Close(vm.Process, write);
        vm.Kernel.Close(vm.Process, copy);
        Assert.Equal(Errno.Success, vm.Kernel.Read(vm.Process, read, buffer, out n));
        Assert.Equal(0, n); // no writer left: EOF, as before
    }

    [Fact]
    public void ANonBlockingReadStillSaysEagain()
    {
        var vm = new NetTestVm();
        Assert.Equal(Errno.Success, vm.Kernel.Pipe(vm.Process, out var read, out _));
        Assert.Equal(Errno.Success, vm.Process.Fds.Get(read, out var file));
        Assert.Equal(Errno.Success, file.SetStatusFlags(OpenFlags.NonBlock));

        Assert.Equal(Errno.EAGAIN, vm.Kernel.Read(vm.Process, read, new byte[8], out _));
    }

    [Fact]
    public async Task AWriterInAnotherProcessKeepsTheReadBlocking()
    {
        var vm = new NetTestVm();
        Assert.Equal(Errno.Success, vm.Kernel.Pipe(vm.Process, out var read, out var write));
        var child = vm.NewProcess();
        Assert.Equal(Errno.Success, vm.Process.Fds.Get(write, out var writeEnd));
        Assert.Equal(Errno.Success, child.Fds.Add(writeEnd, FdFlags.None, out var childWrite));
        var pipe = PipeOf(vm, read);
        var buffer = new byte[8];

        var reader = Task.Run(() => (vm.Kernel.Read(vm.Process, read, buffer, out var n), n));
        Assert.True(SpinWait.SpinUntil(() => pipe.BlockedReaders == 1, NetTestVm.Generous));
        Assert.Equal(Errno.Success, vm.Kernel.Write(child, childWrite, "hi"u8, out _));

        Assert.Equal((Errno.Success, 2), await reader.WaitAsync(NetTestVm.Generous));
    }

    [Fact]
    public async Task AHostHeldWriteEndKeepsTheReadBlocking()
    {
        var vm = new NetTestVm();
        Pipe.Create(out var readEnd, out var writeEnd);
        Assert.Equal(Errno.Success, vm.Process.Fds.Add(readEnd, FdFlags.None, out var read));
        var buffer = new byte[8];

        var reader = Task.Run(() => (vm.Kernel.Read(vm.Process, read, buffer, out var n), n));
        Assert.True(SpinWait.SpinUntil(() => readEnd.Pipe.BlockedReaders == 1, NetTestVm.Generous));
        await writeEnd.WriteAsync("host"u8.ToArray());

        Assert.Equal((Errno.Success, 4), await reader.WaitAsync(NetTestVm.Generous));
    }

    [Fact]
    public void AWriteBeyondThePipeWhoseReaderIsTheWriterGrowsItAndTheBudgetReturnsOnceRead()
    {
        var vm = new NetTestVm();
        Assert.Equal(Errno.Success, vm.Kernel.Pipe(vm.Process, out var read, out var write));
        var payload = new byte[3 * Pipe.DefaultCapacity + 5];
        Random.Shared.NextBytes(payload);
        var overflow = vm.Gauge(LimitNames.PipeOverflowBytes);

        Assert.Equal(Errno.Success, vm.Kernel.Write(vm.Process, write, payload, out var written));
        Assert.Equal(payload.Length, written);
        Assert.True(overflow.Current > 0);
        vm.Kernel.Close(vm.Process, write);
        var copy = new MemoryStream();
        var buffer = new byte[100_000];
        int n;
        while ((n = Read(vm, read, buffer)) > 0)
        {
            copy.Write(buffer, 0, n);
        }

        Assert.Equal(payload, copy.ToArray());
        Assert.Equal(0, overflow.Current);
    }

    [Fact]
    public void PastTheOverflowBudgetTheWriteIsShortAndThenEdeadlk()
    {
        var vm = new NetTestVm(new ResourceLimits { MaxPipeOverflowBytes = Pipe.DefaultCapacity });
        Assert.Equal(Errno.Success, vm.Kernel.Pipe(vm.Process, out _, out var write));
        var payload = new byte[3 * Pipe.DefaultCapacity];

        Assert.Equal(Errno.Success, vm.Kernel.Write(vm.Process, write, payload, out var written));
        Assert.Equal(2 * Pipe.DefaultCapacity, written);
        Assert.Equal(Errno.EDEADLK, vm.Kernel.Write(vm.Process, write, payload.AsSpan(written), out _));
    }

    private static int Read(NetTestVm vm, int fd, byte[] buffer)
    {
        Assert.Equal(Errno.Success, vm.Kernel.Read(vm.Process, fd, buffer, out var n));
        return n;
    }
}
