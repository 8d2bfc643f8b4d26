namespace AgentOs.Kernel.Net;

/// <summary>One parsed allow-rule of a <see cref="NetworkPolicy"/>: its host pattern, its port (null = any) and the
/// rule as written. A class, not a tuple: generic code over a struct of references is left to the JIT at start-up.</summary>
internal sealed record NetworkRule(string Host, int? Port, string Text);
