using System.Net;
using System.Net.Sockets;

namespace AgentOs.Testing;

/// <summary>Host-network tests talk to servers on this machine through a name the host resolves to loopback only.</summary>
internal static class LoopbackAlias
{
    /// <summary>The host name, else an /etc/hosts alias, that the host resolves to loopback addresses only (never
    /// localhost, which the VM answers itself); null where there is none, so test traffic never leaves the machine
    /// (the caller then skips). CI sets <c>AGENTOS_REQUIRE_LOOPBACK_ALIAS=1</c> so that a missing name fails instead.</summary>
    public static async Task<string?> FindAsync()
    {
        var aliases = File.Exists("/etc/hosts")
            ? File.ReadLines("/etc/hosts")
                .Select(line => line.Split('#')[0].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                .Where(fields => fields.Length > 1 && IPAddress.TryParse(fields[0], out var a) && IPAddress.IsLoopback(a))
                .SelectMany(fields => fields.Skip(1))
            : [];
        foreach (var name in aliases.Prepend(Dns.GetHostName()).Where(n => !n.Contains("localhost", StringComparison.OrdinalIgnoreCase)))
        {
            try
            {
                var addresses = await Dns.GetHostAddressesAsync(name);
                if (addresses.Length > 0 && addresses.All(IPAddress.IsLoopback))
                {
                    return name;
                }
            }
            catch (SocketException)
            {
                // not resolvable here: try the next
            }
        }

        Assert.True(Environment.GetEnvironmentVariable("AGENTOS_REQUIRE_LOOPBACK_ALIAS") != "1",
            "no host name resolves to loopback only (CI adds 'agentos-loopback' to /etc/hosts)");
        return null;
    }
}
