using System.Globalization;

namespace AgentOs.Cli;

/// <summary>Durations as users type them for <c>--timeout</c>: <c>500ms</c>, <c>2s</c>, <c>1.5s</c>, <c>1m</c>, <c>1h</c>,
/// or a plain number of seconds as GNU <c>timeout</c> takes it.</summary>
internal static class DurationParser
{
    public const string Syntax = "a positive number with ms, s, m or h (plain numbers are seconds), e.g. 500ms, 2s, 1m";

    private static readonly TimeSpan Longest = TimeSpan.FromDays(7);

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        string s = (text ?? string.Empty).Trim().ToLowerInvariant();
        (string number, double unitMs) = s switch
        {
            _ when s.EndsWith("ms", StringComparison.Ordinal) => (s[..^2], 1.0),
            _ when s.EndsWith('s') => (s[..^1], 1_000.0),
            _ when s.EndsWith('m') => (s[..^1], 60_000.0),
            _ when s.EndsWith('h') => (s[..^1], 3_600_000.0),
            _ => (s, 1_000.0),
        };
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value)
            || !double.IsFinite(value) || value <= 0 || value * unitMs > Longest.TotalMilliseconds)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(Math.Max(1, value * unitMs));
        return true;
    }
}
