namespace AgentOs.Wasm.Runtime;

/// <summary>Thrown from the epoch-deadline callback to stop a running guest whose interruption was requested.</summary>
internal sealed class GuestInterruptedException() : Exception("guest interrupted by the host");
