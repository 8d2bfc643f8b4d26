using AgentOs.Kernel.Limits;
using Microsoft.Extensions.Logging;

namespace AgentOs.Kernel;

/// <summary>What the operator fixes when a VM's kernel is created.</summary>
public sealed class KernelOptions
{
    /// <summary>The VM identifier used in logs, metrics and warnings; by default 12 random hex digits.</summary>
    /// <remarks>Formatted as a number: a Guid's vectorised formatting is left to the JIT (~1 ms of every CLI run).</remarks>
    public string VmId { get; init; } = Random.Shared.NextInt64(1L << 48).ToString("x12", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The validated caps.</summary>
    public EffectiveLimits Limits { get; init; } = EffectiveLimits.Default;

    /// <summary>Where the kernel and its limit registry log; null for no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Whether the file system starts with the reference base tree (spec §6). False: only "/", for a tree
    /// loaded from a saved state or copied from another VM, after which <c>FileSystem.MountProc</c> completes it.</summary>
    public bool BuildBaseTree { get; init; } = true;

    /// <summary>The wall clock for file times; tests pass a fake.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
