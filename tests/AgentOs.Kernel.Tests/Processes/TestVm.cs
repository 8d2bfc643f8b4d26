using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Processes;
using AgentOs.Kernel.Threading;

namespace AgentOs.Kernel.Tests.Processes;

/// <summary>A process table with its own gauges, and helpers that start processes.</summary>
internal sealed class TestVm
{
    public TestVm(int maxProcesses = 16, int maxOpenFds = 64)
    {
        var registry = new LimitRegistry("test-vm");
        ProcessesGauge = registry.Register(LimitNames.Processes, LimitCategory.Resource, maxProcesses, "limits.resources.maxProcesses");
        OpenFds = registry.Register(LimitNames.OpenFds, LimitCategory.Resource, maxOpenFds, "limits.resources.maxOpenFds");
        Table = new ProcessTable(ProcessesGauge, TimeProvider.System);
    }

    /// <summary>No deadline, no cancellation (WaitContext.Unbounded is default(WaitContext), whose timeout is 0 ms).</summary>
    public static WaitContext Forever => new(CancellationToken.None);

    public LimitGauge ProcessesGauge { get; }

    public LimitGauge OpenFds { get; }

    public ProcessTable Table { get; }

    public Process Start(Process? parent = null, ProcessStart? start = null)
    {
        var error = TryStart(parent, start, out var process);
        Assert.Equal(Errno.Success, error);
        return process;
    }

    public Errno TryStart(Process? parent, ProcessStart? start, out Process process)
    {
        start ??= new ProcessStart("/bin/test");
        if (parent is null && start.Credentials is null)
        {
            start = start with { Credentials = Credentials.AgentOsUser };
        }

        var fds = new FdTable(OpenFds, 16);
        var error = Table.Create(parent, fds, start, out process);
        if (error != Errno.Success)
        {
            fds.CloseAll();
        }

        return error;
    }

    public Process StartAs(Credentials credentials, Process? parent = null) =>
        Start(parent, new ProcessStart("/bin/test") { Credentials = credentials });

    public WaitResult WaitOk(Process caller, int selector, WaitOptions options = WaitOptions.None)
    {
        Assert.Equal(Errno.Success, Table.Wait(caller, selector, options, Forever, out var result));
        return result;
    }

    /// <summary>Spins until a thread is blocked in ProcessTable.Wait (observable state, generous timeout).</summary>
    public void UntilWaiterBlocked() =>
        Assert.True(SpinWait.SpinUntil(() => Table.BlockedWaiters > 0, TimeSpan.FromSeconds(10)), "no waiter blocked");
}
