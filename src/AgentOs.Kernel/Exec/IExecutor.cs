using AgentOs.Kernel.Processes;

namespace AgentOs.Kernel.Exec;

/// <summary>
/// Runs process images. The kernel creates the process (table entry, fds, credentials) and hands the image to
/// the executor, which starts it on its own thread and calls <see cref="Kernel.ExitProcess"/> when it ends.
/// </summary>
public interface IExecutor
{
    /// <summary>Starts <paramref name="image"/> as <paramref name="process"/>. Must not block on the guest.</summary>
    /// <returns>Success, or the errno the spawner sees (ENOEXEC for a bad module, ENOMEM…); the kernel then
    /// removes the process it created.</returns>
    Errno Start(Process process, ExecImage image);
}
