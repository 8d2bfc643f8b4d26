using System.Security.Cryptography;
using AgentOs.Kernel.Packages;

namespace AgentOs.Kernel.Tests.Packages;

/// <summary>A test package opened from builder bytes, with its digest, ready to mount.</summary>
internal sealed record TestPackage(AospkgPackage Package, string Sha256, ShrinkablePackageSource Source)
{
    public static TestPackage From(AospkgBuilder builder)
    {
        byte[] bytes = builder.Build();
        var source = new ShrinkablePackageSource(bytes);
        Errno errno = AospkgReader.Open(source, out AospkgPackage? package, out string error);
        Assert.True(errno == Errno.Success, error);
        return new TestPackage(package!, Convert.ToHexStringLower(SHA256.HashData(bytes)), source);
    }

    public Errno MountInto(Kernel kernel) => kernel.MountPackage(Package, Sha256);
}
