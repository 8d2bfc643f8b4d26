using AgentOs.Kernel.Limits;

namespace AgentOs;

/// <summary>The <c>limits.process</c> section: bounds the host side keeps for processes it starts.</summary>
public sealed class ProcessLimitsOptions
{
    /// <summary>Default of <see cref="MaxCapturedOutputBytes"/>: 16 MiB.</summary>
    public const int DefaultMaxCapturedOutputBytes = 16 << 20;

    /// <summary>Default of <see cref="TerminateGraceMs"/>: 1 s.</summary>
    public const int DefaultTerminateGraceMs = 1000;

    /// <summary>
    /// Bytes of stdout and of stderr (each) that <see cref="AgentOsVm.ExecAsync"/> and <see cref="AgentOsVm.RunAsync"/>
    /// keep; output past it is read and dropped, and the result is flagged truncated. Default 16 MiB.
    /// </summary>
    public int? MaxCapturedOutputBytes { get; set; }

    /// <summary>How long <see cref="AgentOsVm.DisposeAsync"/> waits after SIGTERM before SIGKILL, in ms. Default 1000.</summary>
    public int? TerminateGraceMs { get; set; }

    /// <summary>The validated captured-output cap.</summary>
    /// <exception cref="LimitConfigurationException">The value is out of range.</exception>
    internal int ResolveMaxCapturedOutputBytes() =>
        Check(MaxCapturedOutputBytes, DefaultMaxCapturedOutputBytes, 0, Array.MaxLength, "limits.process.maxCapturedOutputBytes");

    /// <summary>The validated dispose grace.</summary>
    /// <exception cref="LimitConfigurationException">The value is out of range.</exception>
    internal int ResolveTerminateGraceMs() =>
        Check(TerminateGraceMs, DefaultTerminateGraceMs, 0, 600_000, "limits.process.terminateGraceMs");

    private static int Check(int? value, int fallback, int min, int max, string path)
    {
        if (value is not { } v)
        {
            return fallback;
        }

        return v >= min && v <= max
            ? v
            : throw new LimitConfigurationException(path, $"{path} must be between {min} and {max} (was {v}).");
    }
}
