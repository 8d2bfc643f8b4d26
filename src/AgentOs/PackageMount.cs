using AgentOs.Kernel;
using AgentOs.Kernel.Packages;

namespace AgentOs;

/// <summary>Projects an opened package into a kernel (spec §1.7); the one place that calls the kernel's mount API.</summary>
internal static class PackageMount
{
    public static Errno Mount(Kernel.Kernel kernel, AospkgPackage package, string sha256) =>
        kernel.MountPackage(package, sha256);
}
