using AgentOs.Kernel.Fds;

namespace AgentOs.Kernel.Exec;

/// <summary>One posix_spawn file action, run in order in the child before its image starts.</summary>
public sealed record SpawnFileAction(SpawnFileActionKind Kind, int Fd, int SourceFd, OpenFlags Flags, uint Mode, string Path);
