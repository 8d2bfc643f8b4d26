namespace AgentOs.Kernel.Processes;

/// <summary>The default action of a signal (signal(7)).</summary>
internal enum SignalAction
{
    Terminate,
    Ignore,
    Stop,
    Continue,
}
