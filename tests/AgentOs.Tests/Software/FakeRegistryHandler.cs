using System.Net;
using System.Text;
using System.Text.Json;

namespace AgentOs.Tests.Software;

/// <summary>Serves canned registry responses by absolute URL and records every request; unknown URLs get 404.</summary>
internal sealed class FakeRegistryHandler : HttpMessageHandler
{
    private readonly Dictionary<string, byte[]> _responses = new(StringComparer.Ordinal);

    public List<string> Requests { get; } = [];

    /// <summary>When set, every request throws (proves a code path uses no network).</summary>
    public bool FailAll { get; init; }

    public FakeRegistryHandler Serve(string url, byte[] body)
    {
        _responses[url] = body;
        return this;
    }

    /// <summary>Publishes name@version at registry: version metadata plus a tarball (served bytes may differ from the hashed ones).</summary>
    public FakeRegistryHandler Publish(string registry, string name, string version, byte[] tarball, byte[]? servedTarball = null, string? integrity = null)
    {
        string tarballUrl = $"{registry}@agentos-software/{name}/-/{name}-{version}.tgz";
        string json = JsonSerializer.Serialize(new
        {
            name = $"@agentos-software/{name}",
            version,
            dist = new { tarball = tarballUrl, integrity = integrity ?? TinyAospkg.Sri(tarball) },
        });
        Serve($"{registry}@agentos-software%2f{name}/{version}", Encoding.UTF8.GetBytes(json));
        return Serve(tarballUrl, servedTarball ?? tarball);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string url = request.RequestUri!.AbsoluteUri;
        lock (Requests)
        {
            Requests.Add(url);
        }

        if (FailAll)
        {
            throw new InvalidOperationException($"unexpected network request to {url}");
        }

        var response = _responses.TryGetValue(url, out byte[]? body)
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) }
            : new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new ByteArrayContent([]) };
        return Task.FromResult(response);
    }
}
