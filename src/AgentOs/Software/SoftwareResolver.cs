using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using AgentOs.Kernel;
using AgentOs.Kernel.Packages;

namespace AgentOs.Software;

/// <summary>
/// Resolves software names to validated .aospkg files: from the content-addressed cache when present (no network),
/// else from the npm registry (version metadata, tarball download, sha512 integrity check, extraction of
/// <c>package/dist/package.aospkg</c>). Local .aospkg paths are validated and used in place.
/// </summary>
public sealed class SoftwareResolver : IDisposable
{
    /// <summary>Tarballs larger than this are refused (coreutils 0.3.4 is 29 MB).</summary>
    internal const long MaxTarballBytes = 1L << 30;

    private const int CopyBufferBytes = 1 << 16;
    private const long ProgressStepBytes = 1 << 20;

    // Created at the first download: a warm cache (every CLI start) never loads the HTTP stack.
    private readonly Lazy<HttpClient> _http;
    private readonly Lazy<Uri> _registry;
    private readonly SoftwareCache _cache;
    private readonly Func<string, string?> _environment;

    /// <summary>Creates a resolver; nothing is read or fetched until <see cref="ResolveAsync"/>.</summary>
    public SoftwareResolver(SoftwareResolverOptions? options = null)
    {
        options ??= new SoftwareResolverOptions();
        _environment = options.Environment;
        _cache = new SoftwareCache(options.CacheDirectory ?? SoftwareCache.DefaultRoot(_environment));
        // Parsed at first use: a warm cache needs no registry, and the first Uri costs a CLI start ~15 ms.
        _registry = new Lazy<Uri>(() => options.Registry is { } registry
            ? NpmRegistry.Normalize(registry)
            : NpmRegistry.Resolve(
                _environment,
                options.ProjectDirectory ?? Directory.GetCurrentDirectory(),
                options.HomeDirectory ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)));
        var handler = options.HttpMessageHandler;
        _http = new Lazy<HttpClient>(() =>
        {
            var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
            http.MaxResponseContentBufferSize = 32 << 20;
            http.DefaultRequestHeaders.UserAgent.ParseAdd("agentos-dotnet/1.0");
            return http;
        });
    }

    /// <summary>The npm registry in use (always ends with '/').</summary>
    /// <exception cref="SoftwareException">The configured registry is not an http(s) URL.</exception>
    public Uri Registry => _registry.Value;

    /// <summary>The cache root directory.</summary>
    public string CacheDirectory => _cache.Root;

    /// <summary>
    /// Resolves each name — <c>coreutils</c>, <c>common</c> (the common set), <c>name[@version]</c>,
    /// <c>@agentos-software/name[@version]</c>, or a path to an .aospkg — and returns the packages in request order
    /// without duplicates. Throws <see cref="SoftwareException"/> with a clear message on any failure; a failed
    /// download leaves nothing in the cache.
    /// </summary>
    public async Task<IReadOnlyList<CachedPackage>> ResolveAsync(
        IEnumerable<string> names,
        IProgress<SoftwareProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var result = new List<CachedPackage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string spec in names)
        {
            IEnumerable<CachedPackage> resolved = SoftwareCatalog.IsLocalPath(spec)
                ? [await ResolveLocalAsync(spec, progress, cancellationToken).ConfigureAwait(false)]
                : await ResolveRegistryAsync(SoftwareCatalog.Parse(spec), progress, cancellationToken).ConfigureAwait(false);
            foreach (CachedPackage package in resolved)
            {
                if (seen.Add($"{package.Name}@{package.Version}\0{package.Path}"))
                {
                    result.Add(package);
                }
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_http.IsValueCreated)
        {
            _http.Value.Dispose();
        }
    }

    private static async Task<CachedPackage> ResolveLocalAsync(string spec, IProgress<SoftwareProgress>? progress, CancellationToken ct)
    {
        string path = spec.StartsWith('~')
            ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + spec[1..]
            : spec;
        path = Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            throw new SoftwareException($"{spec}: no such .aospkg file");
        }

        (string name, string version) = Validate(path, spec);
        string sha256;
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, CopyBufferBytes, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct).ConfigureAwait(false));
        }

        progress?.Report(new SoftwareProgress(name, SoftwarePhase.Done, stream.Length, stream.Length));
        return new CachedPackage(name, version, path, sha256);
    }

    private async Task<IEnumerable<CachedPackage>> ResolveRegistryAsync(
        IReadOnlyList<PackageRequest> requests,
        IProgress<SoftwareProgress>? progress,
        CancellationToken ct)
    {
        var result = new List<CachedPackage>();
        foreach (PackageRequest request in requests)
        {
            if (_cache.TryGetRef(request.Name, request.Version, out string cachedSha))
            {
                result.Add(Cached(request.Name, request.Version, cachedSha, progress));
                continue;
            }

            progress?.Report(new SoftwareProgress(request.Name, SoftwarePhase.Resolving, 0, null));
            VersionMetadata metadata = await FetchMetadataAsync(request, ct).ConfigureAwait(false);
            if (request.Name == SoftwareCatalog.CommonName)
            {
                // A set: its packages are its dependencies; it has no .aospkg of its own.
                result.AddRange(await ResolveRegistryAsync(metadata.Dependencies, progress, ct).ConfigureAwait(false));
                continue;
            }

            // A dist-tag request ("latest") resolved to a version that may already be cached.
            if (_cache.TryGetRef(request.Name, metadata.Version, out cachedSha))
            {
                result.Add(Cached(request.Name, metadata.Version, cachedSha, progress));
                continue;
            }

            string sha256 = await DownloadAsync(request.Name, metadata, progress, ct).ConfigureAwait(false);
            _cache.WriteRef(request.Name, metadata.Version, sha256);
            result.Add(Cached(request.Name, metadata.Version, sha256, progress));
        }

        return result;
    }

    private CachedPackage Cached(string name, string version, string sha256, IProgress<SoftwareProgress>? progress)
    {
        string path = _cache.BlobPath(sha256);
        long length = new FileInfo(path).Length;
        progress?.Report(new SoftwareProgress(name, SoftwarePhase.Done, length, length));
        return new CachedPackage(name, version, path, sha256);
    }

    private async Task<VersionMetadata> FetchMetadataAsync(PackageRequest request, CancellationToken ct)
    {
        var uri = new Uri(Registry, $"{SoftwareCatalog.Scope}%2f{request.Name}/{request.Version}");
        string display = $"{SoftwareCatalog.Scope}/{request.Name}@{request.Version}";
        byte[] body;
        try
        {
            using HttpResponseMessage response = await _http.Value.GetAsync(uri, ct).ConfigureAwait(false);
            EnsureSuccess(response, display, uri);
            body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new SoftwareException($"{display}: cannot reach the npm registry at {uri}: {e.Message}", e);
        }

        try
        {
            return VersionMetadata.Parse(body, display);
        }
        catch (JsonException e)
        {
            throw new SoftwareException($"{display}: the registry returned invalid version metadata from {uri}: {e.Message}", e);
        }
    }

    /// <summary>Downloads, verifies and extracts one package; returns the SHA-256 of the committed blob.</summary>
    private async Task<string> DownloadAsync(string name, VersionMetadata metadata, IProgress<SoftwareProgress>? progress, CancellationToken ct)
    {
        string display = $"{SoftwareCatalog.Scope}/{name}@{metadata.Version}";
        IReadOnlyList<byte[]> expected = Integrity.Sha512Digests(metadata.Integrity);
        if (expected.Count == 0)
        {
            throw new SoftwareException($"{display}: the registry metadata has no sha512 dist.integrity, refusing an unverifiable download");
        }

        string tarball = _cache.NewTempPath(".tgz");
        string? extracted = null;
        try
        {
            byte[] actual = await DownloadTarballAsync(name, display, metadata.Tarball, tarball, progress, ct).ConfigureAwait(false);
            progress?.Report(new SoftwareProgress(name, SoftwarePhase.Verifying, 0, null));
            if (!expected.Any(digest => CryptographicOperations.FixedTimeEquals(digest, actual)))
            {
                throw new SoftwareException(
                    $"{display}: integrity check failed: the tarball from {metadata.Tarball} has sha512-{Convert.ToBase64String(actual)}, expected {metadata.Integrity}");
            }

            extracted = _cache.NewTempPath(".aospkg");
            string sha256 = await ExtractAospkgAsync(name, display, tarball, extracted, progress, ct).ConfigureAwait(false);
            Validate(extracted, display);
            _cache.CommitBlob(extracted, sha256);
            extracted = null;
            return sha256;
        }
        finally
        {
            File.Delete(tarball);
            if (extracted is not null)
            {
                File.Delete(extracted);
            }
        }
    }

    private async Task<byte[]> DownloadTarballAsync(
        string name,
        string display,
        Uri uri,
        string destination,
        IProgress<SoftwareProgress>? progress,
        CancellationToken ct)
    {
        try
        {
            using HttpResponseMessage response = await _http.Value.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            EnsureSuccess(response, display, uri);
            long? total = response.Content.Headers.ContentLength;
            using var sha512 = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
            Stream body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            var file = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferBytes, FileOptions.Asynchronous);
            await using (body.ConfigureAwait(false))
            await using (file.ConfigureAwait(false))
            {
                byte[] buffer = new byte[CopyBufferBytes];
                long done = 0;
                long nextReport = 0;
                int read;
                while ((read = await body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
                {
                    done += read;
                    if (done > MaxTarballBytes)
                    {
                        throw new SoftwareException($"{display}: tarball exceeds {MaxTarballBytes} bytes");
                    }

                    sha512.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                    if (done >= nextReport)
                    {
                        progress?.Report(new SoftwareProgress(name, SoftwarePhase.Downloading, done, total));
                        nextReport = done + ProgressStepBytes;
                    }
                }

                progress?.Report(new SoftwareProgress(name, SoftwarePhase.Downloading, done, total ?? done));
            }

            return sha512.GetHashAndReset();
        }
        catch (HttpRequestException e)
        {
            throw new SoftwareException($"{display}: download of {uri} failed: {e.Message}", e);
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw new SoftwareException($"{display}: download of {uri} failed: {e.Message}", e);
        }
    }

    /// <summary>Copies <c>&lt;top&gt;/dist/package.aospkg</c> out of the tarball; returns its SHA-256.</summary>
    private static async Task<string> ExtractAospkgAsync(
        string name,
        string display,
        string tarball,
        string destination,
        IProgress<SoftwareProgress>? progress,
        CancellationToken ct)
    {
        try
        {
            var file = new FileStream(tarball, FileMode.Open, FileAccess.Read, FileShare.Read, CopyBufferBytes, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                var gzip = new GZipStream(file, CompressionMode.Decompress);
                var reader = new TarReader(gzip);
                await using (gzip.ConfigureAwait(false))
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.GetNextEntryAsync(copyData: false, ct).ConfigureAwait(false) is { } entry)
                    {
                        string[] parts = entry.Name.Split('/');
                        if (parts is [_, "dist", "package.aospkg"]
                            && entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                        {
                            progress?.Report(new SoftwareProgress(name, SoftwarePhase.Extracting, 0, entry.Length));
                            return await CopyHashedAsync(entry.DataStream ?? Stream.Null, destination, ct).ConfigureAwait(false);
                        }
                    }
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new SoftwareException($"{display}: the tarball is not a valid gzip'd tar: {e.Message}", e);
        }
        catch (EndOfStreamException e)
        {
            throw new SoftwareException($"{display}: the tarball is truncated: {e.Message}", e);
        }

        throw new SoftwareException($"{display}: the tarball has no package/dist/package.aospkg");
    }

    private static async Task<string> CopyHashedAsync(Stream source, string destination, CancellationToken ct)
    {
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var file = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, CopyBufferBytes, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            byte[] buffer = new byte[CopyBufferBytes];
            int read;
            while ((read = await source.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                sha256.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
            }
        }

        return Convert.ToHexStringLower(sha256.GetHashAndReset());
    }

    /// <summary>Runs the kernel's .aospkg validation; returns the manifest name and version.</summary>
    private static (string Name, string Version) Validate(string path, string display)
    {
        using var source = new FilePackageSource(path);
        Errno errno = AospkgReader.Open(source, out AospkgPackage? package, out string error);
        if (errno != Errno.Success)
        {
            throw new SoftwareException($"{display}: not a valid .aospkg ({errno}): {error}");
        }

        return (package!.Name, package.Version);
    }

    private static void EnsureSuccess(HttpResponseMessage response, string display, Uri uri)
    {
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new SoftwareException($"{display}: not found in the npm registry ({uri} returned 404)");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new SoftwareException($"{display}: {uri} returned HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }
    }
}
