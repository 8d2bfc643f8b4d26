using System.Text.Json;

namespace AgentOs.Software;

/// <summary>The parts of an npm version document we use: version, <c>dist.tarball</c>, <c>dist.integrity</c>, scoped dependencies.</summary>
internal sealed record VersionMetadata(string Version, Uri Tarball, string? Integrity, IReadOnlyList<PackageRequest> Dependencies)
{
    public static VersionMetadata Parse(byte[] json, string display)
    {
        using var document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("version", out JsonElement versionElement)
            || AsString(versionElement) is not { } version
            || !SoftwareCatalog.IsValidVersion(version)
            || !root.TryGetProperty("dist", out JsonElement dist)
            || dist.ValueKind != JsonValueKind.Object
            || !dist.TryGetProperty("tarball", out JsonElement tarballElement)
            || !Uri.TryCreate(AsString(tarballElement), UriKind.Absolute, out Uri? tarball)
            || (tarball.Scheme != Uri.UriSchemeHttps && tarball.Scheme != Uri.UriSchemeHttp))
        {
            throw new SoftwareException($"{display}: the registry's version metadata lacks a valid version or dist.tarball");
        }

        string? integrity = dist.TryGetProperty("integrity", out JsonElement integrityElement) ? AsString(integrityElement) : null;
        var dependencies = new List<PackageRequest>();
        if (root.TryGetProperty("dependencies", out JsonElement deps) && deps.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty dep in deps.EnumerateObject())
            {
                string prefix = SoftwareCatalog.Scope + "/";
                if (!dep.Name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                string depName = dep.Name[prefix.Length..];
                if (AsString(dep.Value) is not { } depVersion || !SoftwareCatalog.IsValidName(depName) || !SoftwareCatalog.IsValidVersion(depVersion))
                {
                    throw new SoftwareException($"{display}: dependency {dep.Name} must name an exact version, found {dep.Value}");
                }

                dependencies.Add(new PackageRequest(depName, depVersion));
            }
        }

        return new VersionMetadata(version, tarball, integrity, dependencies);
    }

    private static string? AsString(JsonElement element) => element.ValueKind == JsonValueKind.String ? element.GetString() : null;
}
