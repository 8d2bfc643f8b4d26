namespace AgentOs.Kernel.Exec;

/// <summary>Everything posix_spawn passes: the program, its argv and environment, file actions and attributes.</summary>
/// <param name="Program">The program path; without a "/" it is searched on the child's PATH.</param>
/// <param name="Arguments">argv, argv[0] first (passed verbatim).</param>
/// <param name="Environment">The child's complete environment, "K=V" entries.</param>
/// <param name="FileActions">Applied in order in the child.</param>
/// <param name="WorkingDirectory">The child's cwd; null inherits the parent's.</param>
/// <param name="Attributes">POSIX_SPAWN_* bits.</param>
/// <param name="SignalDefaults">Signals reset to SIG_DFL with <see cref="SpawnAttributes.SetSignalDefault"/>.</param>
/// <param name="SignalMask">The child's blocked mask with <see cref="SpawnAttributes.SetSignalMask"/>.</param>
/// <param name="ProcessGroup">Target group with <see cref="SpawnAttributes.SetProcessGroup"/> (0 = own group).</param>
public sealed record SpawnRequest(
    string Program,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<string> Environment,
    IReadOnlyList<SpawnFileAction> FileActions,
    string? WorkingDirectory,
    SpawnAttributes Attributes = SpawnAttributes.None,
    ulong SignalDefaults = 0,
    ulong SignalMask = 0,
    int ProcessGroup = 0)
{
    /// <summary>limits.process.maxSpawnFileActions.</summary>
    public const int MaxFileActions = 4096;

    /// <summary>limits.process.maxSpawnFileActionBytes.</summary>
    public const int MaxFileActionBytes = 1 << 20;
}
