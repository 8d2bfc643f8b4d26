using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Processes;
using AgentOs.Kernel.Vfs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentOs.Kernel;

/// <summary>
/// One VM's virtual POSIX kernel: the limit registry, the filesystem, the process table and the IPC objects.
/// Every guest import maps to one kernel operation; failures the guest caused come back as <see cref="Errno"/>.
/// Two kernels share nothing.
/// </summary>
public sealed partial class Kernel
{
    /// <summary>Creates a kernel with its gauges registered and its base filesystem built.</summary>
    public Kernel(KernelOptions options)
    {
        Options = options;
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        Logger = loggerFactory.CreateLogger("AgentOs.Kernel");
        Limits = options.Limits;
        Registry = new LimitRegistry(options.VmId, loggerFactory.CreateLogger("AgentOs.Limits"));
        ProcessesGauge = Register(LimitNames.Processes, Limits.MaxProcesses, nameof(ResourceLimits.MaxProcesses));
        OpenFdsGauge = Register(LimitNames.OpenFds, Limits.MaxOpenFds, nameof(ResourceLimits.MaxOpenFds));
        PipesGauge = Register(LimitNames.Pipes, Limits.MaxPipes, nameof(ResourceLimits.MaxPipes));
        PtysGauge = Register(LimitNames.Ptys, Limits.MaxPtys, nameof(ResourceLimits.MaxPtys));
        SocketsGauge = Register(LimitNames.Sockets, Limits.MaxSockets, nameof(ResourceLimits.MaxSockets));
        ConnectionsGauge = Register(LimitNames.Connections, Limits.MaxConnections, nameof(ResourceLimits.MaxConnections));
        SocketBufferedBytesGauge = Register(LimitNames.SocketBufferedBytes, Limits.MaxSocketBufferedBytes, nameof(ResourceLimits.MaxSocketBufferedBytes));
        SocketDatagramQueueGauge = Register(LimitNames.SocketDatagramQueueLen, Limits.MaxSocketDatagramQueueLen, nameof(ResourceLimits.MaxSocketDatagramQueueLen));
        FilesystemBytesGauge = Register(LimitNames.FilesystemBytes, Limits.MaxFilesystemBytes, nameof(ResourceLimits.MaxFilesystemBytes));
        InodesGauge = Register(LimitNames.Inodes, Limits.MaxInodeCount, nameof(ResourceLimits.MaxInodeCount));
        PipeOverflowGauge = Registry.Register(LimitNames.PipeOverflowBytes, LimitCategory.Memory, Limits.MaxPipeOverflowBytes, EffectiveLimits.ConfigPath(nameof(ResourceLimits.MaxPipeOverflowBytes)));
        QueuedCommandsGauge = Registry.Register(LimitNames.QueuedCommands, LimitCategory.Queue, Limits.MaxQueuedCommands, EffectiveLimits.ConfigPath(nameof(ResourceLimits.MaxQueuedCommands)));
        MemoryGauge = Registry.Register(LimitNames.MemoryBytes, LimitCategory.Memory, Limits.MaxMemoryBytes, EffectiveLimits.ConfigPath(nameof(ResourceLimits.MaxMemoryBytes)));
        Processes = new ProcessTable(ProcessesGauge, options.Time);
        Cpu = new Sched.CpuBudget(Limits.MaxCpuCores);
        RunSlots = new Sched.RunSlots((int)Math.Ceiling(Limits.MaxCpuCores));
        FileSystem = options.BuildBaseTree
            ? VirtualFileSystem.CreateWithBaseTree(FilesystemBytesGauge, InodesGauge, options.Time)
            : new VirtualFileSystem(FilesystemBytesGauge, InodesGauge, options.Time);
    }

    /// <summary>The options the kernel was created with.</summary>
    public KernelOptions Options { get; }

    /// <summary>The VM identifier.</summary>
    public string VmId => Options.VmId;

    /// <summary>The effective caps.</summary>
    public EffectiveLimits Limits { get; }

    /// <summary>The VM's CPU share and the CPU time its guests have used.</summary>
    public Sched.CpuBudget Cpu { get; }

    /// <summary>The VM's virtual CPUs: how many guest threads run guest code at once (⌈maxCpuCores⌉).</summary>
    public Sched.RunSlots RunSlots { get; }

    /// <summary>This VM's gauges.</summary>
    public LimitRegistry Registry { get; }

    internal ILogger Logger { get; }

    internal LimitGauge ProcessesGauge { get; }

    /// <summary><c>vm_queued_commands</c>: host-started commands waiting for room in the VM's tables.</summary>
    internal LimitGauge QueuedCommandsGauge { get; }

    /// <summary><c>vm_memory_bytes</c>: the linear memory of every guest process, charged by the executor.</summary>
    internal LimitGauge MemoryGauge { get; }

    internal LimitGauge OpenFdsGauge { get; }

    internal LimitGauge PipesGauge { get; }

    internal LimitGauge PtysGauge { get; }

    internal LimitGauge SocketsGauge { get; }

    internal LimitGauge ConnectionsGauge { get; }

    internal LimitGauge SocketBufferedBytesGauge { get; }

    internal LimitGauge SocketDatagramQueueGauge { get; }

    internal LimitGauge FilesystemBytesGauge { get; }

    internal LimitGauge InodesGauge { get; }

    internal LimitGauge PipeOverflowGauge { get; }

    private LimitGauge Register(string name, long capacity, string property) =>
        Registry.Register(name, LimitCategory.Resource, capacity, EffectiveLimits.ConfigPath(property));
}
