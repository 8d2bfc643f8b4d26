using System.Globalization;

namespace AgentOs.Kernel.Net;

/// <summary>
/// The VM's <c>network</c> permission: allow-rules of the form <c>HOST[:PORT]</c> for destinations outside the
/// loopback. HOST is a name or IP (<c>*</c> for any, <c>*.example.com</c> for subdomains, IPv6 in brackets);
/// PORT is a number or <c>*</c> (omitted = any). No rules = deny everything external (the default).
/// </summary>
public sealed class NetworkPolicy
{
    private readonly NetworkRule[] _rules;

    /// <summary>Parses <paramref name="rules"/>.</summary>
    /// <exception cref="FormatException">A rule is not HOST[:PORT] with a port in 1–65535.</exception>
    public NetworkPolicy(IEnumerable<string> rules)
    {
        _rules = [.. rules.Select(Parse)];
    }

    /// <summary>The default-deny policy.</summary>
    public static NetworkPolicy DenyAll { get; } = new([]);

    /// <summary>The rules as given.</summary>
    public IReadOnlyList<string> Rules => [.. _rules.Select(r => r.Text)];

    /// <summary>The first rule that allows <paramref name="host"/>:<paramref name="port"/>, or null.</summary>
    public string? FindRule(string host, int port) => Find(host, port, out _);

    /// <summary>
    /// The first rule that allows <paramref name="host"/> on any port (the <c>dns://hostname</c> check), or null.
    /// <paramref name="explicitHost"/> tells whether the rule names the host itself rather than a wildcard.
    /// </summary>
    public string? FindHostRule(string host, out bool explicitHost) => Find(host, null, out explicitHost);

    private string? Find(string host, int? port, out bool explicitHost)
    {
        host = Unbracket(host);
        foreach (var (ruleHost, rulePort, text) in _rules)
        {
            if (port is { } wanted && rulePort is { } p && p != wanted)
            {
                continue;
            }

            explicitHost = ruleHost.Equals(host, StringComparison.OrdinalIgnoreCase);
            if (explicitHost
                || ruleHost == "*"
                || (ruleHost.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(ruleHost[1..], StringComparison.OrdinalIgnoreCase)))
            {
                return text;
            }
        }

        explicitHost = false;
        return null;
    }

    private static NetworkRule Parse(string rule)
    {
        var text = rule.Trim();
        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < text.Length && text[close + 1] != ':'))
            {
                throw new FormatException($"rule \"{rule}\": expected [IPv6]:PORT.");
            }

            host = text[1..close];
            port = close + 1 < text.Length ? text[(close + 2)..] : null;
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon >= 0 && text.IndexOf(':', StringComparison.Ordinal) != colon)
            {
                colon = -1; // a bare IPv6 address: no port
            }

            host = colon < 0 ? text : text[..colon];
            port = colon < 0 ? null : text[(colon + 1)..];
        }

        if (host.Length == 0)
        {
            throw new FormatException($"rule \"{rule}\": empty host.");
        }

        if (port is null or "*")
        {
            return new NetworkRule(host, null, text);
        }

        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            throw new FormatException($"rule \"{rule}\": port must be 1-65535 or *.");
        }

        return new NetworkRule(host, number, text);
    }

    private static string Unbracket(string host) => host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
}
