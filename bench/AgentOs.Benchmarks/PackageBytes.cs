using AgentOs.Kernel;
using AgentOs.Kernel.Packages;
using AgentOs.Software;

namespace AgentOs.Benchmarks;

/// <summary>Reads one file of an .aospkg (the benchmark compiles a real module outside any VM).</summary>
internal static class PackageBytes
{
    public static byte[] ReadEntry(string packagePath, string entryPath)
    {
        using var source = new FilePackageSource(packagePath);
        if (AospkgReader.Open(source, out var package, out var error) != Errno.Success || package is null)
        {
            throw new InvalidOperationException(error);
        }

        if (!package.TryGetEntry(entryPath, out var entry))
        {
            throw new InvalidOperationException(entryPath + " not in package");
        }

        var bytes = new byte[entry.Size];
        if (package.ReadFile(entry, 0, bytes, out var read) != Errno.Success || read != bytes.Length)
        {
            throw new InvalidOperationException("short read of " + entryPath);
        }

        return bytes;
    }
}
