using System.Collections.Concurrent;
using AgentOs.Kernel;
using AgentOs.Kernel.Packages;
using AgentOs.Software;

namespace AgentOs;

/// <summary>
/// Opened .aospkg files by content digest, shared by every VM of the process: a package is parsed once and its
/// file stays open (read positionally, thread-safe) for the process's lifetime, so a warm VM mounts without I/O.
/// </summary>
internal static class PackageLibrary
{
    private static readonly ConcurrentDictionary<string, Lazy<AospkgPackage>> Opened = new(StringComparer.Ordinal);

    /// <summary>The parsed package of <paramref name="cached"/>.</summary>
    /// <exception cref="SoftwareException">The file is not a valid .aospkg.</exception>
    public static AospkgPackage Open(CachedPackage cached)
    {
        var lazy = Opened.GetOrAdd(cached.Sha256, _ => new Lazy<AospkgPackage>(() => Load(cached)));
        try
        {
            return lazy.Value;
        }
        catch (SoftwareException)
        {
            // Do not keep a failure: the file may be replaced by a good one.
            Opened.TryRemove(new KeyValuePair<string, Lazy<AospkgPackage>>(cached.Sha256, lazy));
            throw;
        }
    }

    private static AospkgPackage Load(CachedPackage cached)
    {
        var source = new FilePackageSource(cached.Path);
        var errno = AospkgReader.Open(source, out var package, out var error);
        if (errno != Errno.Success)
        {
            source.Dispose();
            throw new SoftwareException($"{cached.Path}: not a valid .aospkg ({errno}): {error}");
        }

        return package!;
    }
}
