using AgentOs.Kernel.Limits;

namespace AgentOs.Kernel.Processes;

/// <summary>
/// Side effects of a table operation that must run after the table lock is released: cancelling kill tokens
/// (their callbacks may take other locks), closing descriptor tables (releasing descriptions wakes pipe waiters),
/// returning process slots to the gauge (which may log) and completing <see cref="Process.Exited"/>.
/// </summary>
internal sealed class DeferredActions
{
    private List<Process>? _exited;
    private int _reaped;

    /// <summary>Records a process that just became a zombie.</summary>
    public void Exited(Process process) => (_exited ??= []).Add(process);

    /// <summary>Records a table entry removed (its <c>vm_processes</c> unit is released on <see cref="Run"/>).</summary>
    public void Reaped() => _reaped++;

    /// <summary>Runs the effects in an order where a host awaiting <see cref="Process.Exited"/> sees fds and slots freed.</summary>
    public void Run(LimitGauge processes)
    {
        if (_exited is not null)
        {
            foreach (var process in _exited)
            {
                process.CancelInterrupted();
            }

            foreach (var process in _exited)
            {
                process.Fds.CloseAll();
            }
        }

        if (_reaped > 0)
        {
            processes.Release(_reaped);
        }

        if (_exited is not null)
        {
            foreach (var process in _exited)
            {
                process.CompleteExited(process.ExitStatus!.Value);
            }
        }
    }
}
