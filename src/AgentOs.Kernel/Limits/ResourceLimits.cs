namespace AgentOs.Kernel.Limits;

/// <summary>
/// Operator-set per-VM resource caps, named as agentOS's <c>limits.resources.*</c>. Every field is optional: an unset
/// field takes the secure default. Values are fixed when the VM is created; nothing the guest can reach raises them.
/// </summary>
public sealed class ResourceLimits
{
    /// <summary>Processes alive or zombie at once (spawn past it → EAGAIN). Default 256.</summary>
    public int? MaxProcesses { get; set; }

    /// <summary>
    /// Open descriptors, both VM-wide (→ ENFILE) and per process table (RLIMIT_NOFILE → EMFILE). Default 1024: a
    /// process holds about four, so the default lets all <see cref="MaxProcesses"/> processes exist at once.
    /// </summary>
    public int? MaxOpenFds { get; set; }

    /// <summary>Pipes alive at once (→ EAGAIN). Default 128.</summary>
    public int? MaxPipes { get; set; }

    /// <summary>
    /// Host-started commands (<c>ExecAsync</c>/<c>RunAsync</c>, sidecar <c>process.exec</c>) that may wait for room
    /// when the VM's process, pipe or descriptor tables are full; past it they fail naming this limit. Default 1024.
    /// </summary>
    public int? MaxQueuedCommands { get; set; }

    /// <summary>PTYs alive at once (→ EAGAIN). Default 128.</summary>
    public int? MaxPtys { get; set; }

    /// <summary>Sockets alive at once (→ EAGAIN). Default 256.</summary>
    public int? MaxSockets { get; set; }

    /// <summary>Connected sockets at once (→ EAGAIN). Default 256.</summary>
    public int? MaxConnections { get; set; }

    /// <summary>Bytes queued in socket buffers, VM total. Default 4 MiB.</summary>
    public long? MaxSocketBufferedBytes { get; set; }

    /// <summary>Datagrams queued, VM total. Default 1024.</summary>
    public int? MaxSocketDatagramQueueLen { get; set; }

    /// <summary>Bytes stored in the VM's writable filesystem (→ ENOSPC). Default 64 MiB.</summary>
    public long? MaxFilesystemBytes { get; set; }

    /// <summary>Inodes in the VM's writable filesystem (→ ENOSPC). Default 16,384.</summary>
    public int? MaxInodeCount { get; set; }

    /// <summary>
    /// AgentOs extension: bytes a pipe may hold beyond its 64 KiB when its only reader is a parent waiting for the
    /// blocked writer to exit (brush collecting <c>$(…)</c> output), VM total. Default 16 MiB.
    /// </summary>
    public long? MaxPipeOverflowBytes { get; set; }

    /// <summary>Longest a blocking read/accept/lock waits before ETIMEDOUT, in ms. Default 30,000.</summary>
    public int? MaxBlockingReadMs { get; set; }

    /// <summary>Largest single pread. Default 64 MiB.</summary>
    public long? MaxPreadBytes { get; set; }

    /// <summary>Largest single fd write. Default 64 MiB.</summary>
    public long? MaxFdWriteBytes { get; set; }

    /// <summary>Σ(len+1) of a spawned process's argv (→ E2BIG). Default 1 MiB.</summary>
    public int? MaxProcessArgvBytes { get; set; }

    /// <summary>Σ(len+1) of a spawned process's environment (→ E2BIG). Default 1 MiB.</summary>
    public int? MaxProcessEnvBytes { get; set; }

    /// <summary>Entries in a whole-directory listing. Default 4096.</summary>
    public int? MaxReaddirEntries { get; set; }

    /// <summary>
    /// Linear memory of all the VM's guest processes together: a <c>memory.grow</c> past it fails in the guest
    /// (malloc returns NULL) and a process whose initial memory does not fit cannot start (ENOMEM). Default 512 MiB.
    /// </summary>
    public long? MaxMemoryBytes { get; set; }

    /// <summary>Linear memory per guest process. Default 128 MiB.</summary>
    public long? MaxWasmMemoryBytes { get; set; }

    /// <summary>WebAssembly call-stack budget per guest process. Default 1 MiB.</summary>
    public long? MaxWasmStackBytes { get; set; }

    /// <summary>
    /// CPU share of the whole VM in cores (like <c>docker --cpus</c>): all its guest threads together run at most
    /// this much CPU time per wall-clock time; a thread over the share is parked. Default 1.
    /// </summary>
    public double? MaxCpuCores { get; set; }

    /// <summary>Virtual CPU count reported to guests. Default 1.</summary>
    public int? CpuCount { get; set; }

    /// <summary>Validates the set fields and fills the rest with defaults.</summary>
    /// <exception cref="LimitConfigurationException">A field is zero, negative or absurd; the message names it.</exception>
    public EffectiveLimits Resolve() => new(
        MaxProcesses: Pick(MaxProcesses, 256, 1, 65_536, nameof(MaxProcesses)),
        MaxOpenFds: Pick(MaxOpenFds, 1024, 4, 1 << 20, nameof(MaxOpenFds)),
        MaxPipes: Pick(MaxPipes, 128, 1, 1 << 20, nameof(MaxPipes)),
        MaxPtys: Pick(MaxPtys, 128, 1, 1 << 16, nameof(MaxPtys)),
        MaxQueuedCommands: Pick(MaxQueuedCommands, 1024, 1, 1 << 20, nameof(MaxQueuedCommands)),
        MaxSockets: Pick(MaxSockets, 256, 1, 1 << 20, nameof(MaxSockets)),
        MaxConnections: Pick(MaxConnections, 256, 1, 1 << 20, nameof(MaxConnections)),
        MaxSocketBufferedBytes: Pick(MaxSocketBufferedBytes, 4L << 20, 4096, 16L << 30, nameof(MaxSocketBufferedBytes)),
        MaxSocketDatagramQueueLen: Pick(MaxSocketDatagramQueueLen, 1024, 1, 1 << 24, nameof(MaxSocketDatagramQueueLen)),
        MaxFilesystemBytes: Pick(MaxFilesystemBytes, 64L << 20, 1, 1L << 40, nameof(MaxFilesystemBytes)),
        MaxInodeCount: Pick(MaxInodeCount, 16_384, 64, 1 << 26, nameof(MaxInodeCount)),
        MaxPipeOverflowBytes: Pick(MaxPipeOverflowBytes, 16L << 20, 64L << 10, 1L << 31, nameof(MaxPipeOverflowBytes)),
        MaxBlockingReadMs: Pick(MaxBlockingReadMs, 30_000, 1, 24 * 3_600_000, nameof(MaxBlockingReadMs)),
        MaxPreadBytes: Pick(MaxPreadBytes, 64L << 20, 1, 1L << 31, nameof(MaxPreadBytes)),
        MaxFdWriteBytes: Pick(MaxFdWriteBytes, 64L << 20, 1, 1L << 31, nameof(MaxFdWriteBytes)),
        MaxProcessArgvBytes: Pick(MaxProcessArgvBytes, 1 << 20, 64, 1 << 30, nameof(MaxProcessArgvBytes)),
        MaxProcessEnvBytes: Pick(MaxProcessEnvBytes, 1 << 20, 64, 1 << 30, nameof(MaxProcessEnvBytes)),
        MaxReaddirEntries: Pick(MaxReaddirEntries, 4096, 1, 1 << 24, nameof(MaxReaddirEntries)),
        MaxWasmMemoryBytes: Pick(MaxWasmMemoryBytes, 128L << 20, 64L << 10, 4L << 30, nameof(MaxWasmMemoryBytes)),
        MaxMemoryBytes: Pick(MaxMemoryBytes, 512L << 20, 64L << 10, 1L << 40, nameof(MaxMemoryBytes)),
        MaxWasmStackBytes: Pick(MaxWasmStackBytes, 1L << 20, 16L << 10, 256L << 20, nameof(MaxWasmStackBytes)),
        CpuCount: Pick(CpuCount, 1, 1, 1024, nameof(CpuCount)),
        MaxCpuCores: Pick(MaxCpuCores, 1.0, 0.01, 1024.0, nameof(MaxCpuCores)));

    private static T Pick<T>(T? value, T fallback, T min, T max, string field)
        where T : struct, System.Numerics.INumber<T>
    {
        if (value is not { } v)
        {
            return fallback;
        }

        if (T.IsNaN(v) || v < min || v > max)
        {
            throw new LimitConfigurationException(
                EffectiveLimits.ConfigPath(field),
                $"{EffectiveLimits.ConfigPath(field)} must be between {min} and {max} (was {v}).");
        }

        return v;
    }
}
