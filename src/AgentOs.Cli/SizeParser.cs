using System.Globalization;

namespace AgentOs.Cli;

/// <summary>Byte sizes as users type them: <c>65536</c>, <c>64K</c>, <c>256MiB</c>, <c>1g</c> (all suffixes 1024-based).</summary>
internal static class SizeParser
{
    public const string Syntax = "plain bytes or a K/M/G/T (= KiB/MiB/GiB/TiB, 1024-based) suffix, e.g. 65536, 64K, 256MiB";

    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        string s = (text ?? string.Empty).Trim();
        int digits = 0;
        while (digits < s.Length && char.IsAsciiDigit(s[digits]))
        {
            digits++;
        }

        if (digits == 0
            || !long.TryParse(s.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out long number)
            || Multiplier(s[digits..].TrimStart()) is not { } multiplier)
        {
            return false;
        }

        if (number > long.MaxValue / multiplier)
        {
            return false;
        }

        bytes = number * multiplier;
        return true;
    }

    private static long? Multiplier(string suffix) => suffix.ToUpperInvariant() switch
    {
        "" or "B" => 1,
        "K" or "KIB" => 1L << 10,
        "M" or "MIB" => 1L << 20,
        "G" or "GIB" => 1L << 30,
        "T" or "TIB" => 1L << 40,
        _ => null,
    };
}
