using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Processes;
using AgentOs.Kernel.Fds;

namespace AgentOs.Kernel.Tests.Syscalls;

public sealed class RLimitTests
{
    private readonly Kernel _kernel = new(new KernelOptions { Limits = new ResourceLimits { MaxOpenFds = 16, MaxProcesses = 8 }.Resolve() });

    [Fact]
    public void GuestsSeeTheVmCapsAsHardLimitsAndCannotRaiseThem()
    {
        var process = NewProcess();

        Assert.Equal(Errno.Success, _kernel.GetRLimit(process, 7, out var soft, out var hard));
        Assert.Equal((16UL, 16UL), (soft, hard));
        Assert.Equal(Errno.Success, _kernel.GetRLimit(process, 6, out _, out var processes));
        Assert.Equal(8UL, processes);

        Assert.Equal(Errno.EPERM, _kernel.SetRLimit(process, 7, 32, 32));
        Assert.Equal(Errno.EPERM, _kernel.SetRLimit(process, 6, 9, 9));
        Assert.Equal(Errno.EPERM, _kernel.SetRLimit(process, 7, 16, Kernel.RLimitInfinity));
        Assert.Equal(Errno.EINVAL, _kernel.SetRLimit(process, 7, 8, 4));
        Assert.Equal(Errno.EINVAL, _kernel.GetRLimit(process, 99, out _, out _));
        Assert.Equal(Errno.Success, _kernel.GetRLimit(process, 7, out soft, out _));
        Assert.Equal(16UL, soft);
    }

    [Fact]
    public void LoweringTheDescriptorLimitIsEnforced()
    {
        var process = NewProcess();

        Assert.Equal(Errno.Success, _kernel.SetRLimit(process, 7, 2, 2));
        Assert.Equal(Errno.Success, _kernel.OpenAt(process, Kernel.AtRoot, "/dev/null", OpenFlags.ReadOnly, 0, out var first));
        Assert.Equal(Errno.Success, _kernel.OpenAt(process, Kernel.AtRoot, "/dev/null", OpenFlags.ReadOnly, 0, out var second));

        Assert.Equal((0, 1), (first, second));
        Assert.Equal(Errno.EMFILE, _kernel.OpenAt(process, Kernel.AtRoot, "/dev/null", OpenFlags.ReadOnly, 0, out _));
        Assert.Equal(Errno.EPERM, _kernel.SetRLimit(process, 7, 3, 3));
    }

    [Fact]
    public void ADescriptorLimitOfZeroLeavesForkConsistent()
    {
        var process = NewProcess();
        Assert.Equal(Errno.Success, _kernel.OpenAt(process, Kernel.AtRoot, "/dev/null", OpenFlags.ReadOnly, 0, out _));

        Assert.Equal(Errno.Success, _kernel.SetRLimit(process, 7, 0, 0));

        // As on Linux, the child inherits the limit and the descriptors already open; new ones are EMFILE.
        Assert.Equal(Errno.Success, process.Fds.Fork(out var child));
        Assert.Equal((0, 1), (child.Capacity, child.Count));
        Assert.Equal(Errno.EMFILE, _kernel.OpenAt(process, Kernel.AtRoot, "/dev/null", OpenFlags.ReadOnly, 0, out _));
        child.CloseAll();
    }

    [Fact]
    public void CpuTimeLimitSendsSigxcpuAtTheSoftLimit()
    {
        var process = NewProcess();
        Assert.Equal(Errno.Success, _kernel.GetRLimit(process, 0, out var soft, out var hard));
        Assert.Equal((Kernel.RLimitInfinity, Kernel.RLimitInfinity), (soft, hard));

        Assert.Equal(Errno.Success, _kernel.SetRLimit(process, 0, 1, 5));
        Assert.Equal(Errno.EPERM, _kernel.SetRLimit(process, 0, 1, 6));
        _kernel.ChargeCpu(process, 900_000_000);
        Assert.False(process.IsTerminating);

        _kernel.ChargeCpu(process, 200_000_000);

        Assert.True(process.IsTerminating);
        Assert.Equal(Signals.SIGXCPU, process.ExitStatus?.Signal);
        Assert.Equal(TimeSpan.FromMilliseconds(1100), process.CpuTime);
    }

    [Fact]
    public void CpuTimeLimitKillsAtTheHardLimitEvenWhenSigxcpuIsIgnored()
    {
        var process = NewProcess();
        process.IgnoredSignals |= Signals.Bit(Signals.SIGXCPU);
        Assert.Equal(Errno.Success, _kernel.SetRLimit(process, 0, 1, 2));

        _kernel.ChargeCpu(process, 1_500_000_000);
        Assert.False(process.IsTerminating);
        _kernel.ChargeCpu(process, 600_000_000);

        Assert.True(process.IsTerminating);
        Assert.Equal(Signals.SIGKILL, process.ExitStatus?.Signal);
    }

    [Theory]
    [InlineData(false, Signals.SIGXCPU)]
    [InlineData(true, Signals.SIGKILL)]
    public void OneChargeAcrossBothLimitsActsOnTheSoftLimitFirst(bool sigxcpuIgnored, int signal)
    {
        // A late tick can charge more than a second at once: the soft limit was still passed first.
        var process = NewProcess();
        if (sigxcpuIgnored)
        {
            process.IgnoredSignals |= Signals.Bit(Signals.SIGXCPU);
        }

        Assert.Equal(Errno.Success, _kernel.SetRLimit(process, 0, 1, 2));
        _kernel.ChargeCpu(process, 2_500_000_000);

        Assert.Equal(signal, process.ExitStatus?.Signal);
    }

    private Process NewProcess()
    {
        var fds = new FdTable(_kernel.Registry.Find(LimitNames.OpenFds)!, _kernel.Limits.MaxOpenFds);
        Assert.Equal(Errno.Success, _kernel.Processes.Create(null, fds, new ProcessStart("/bin/test") { Credentials = Credentials.AgentOsUser }, out var process));
        return process;
    }
}
