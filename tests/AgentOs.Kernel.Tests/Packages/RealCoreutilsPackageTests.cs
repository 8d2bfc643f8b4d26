using System.Security.Cryptography;
using AgentOs.Kernel.Packages;

namespace AgentOs.Kernel.Tests.Packages;

public sealed class RealCoreutilsPackageTests
{
    private static byte[] ReadAll(AospkgPackage package, PackageEntry entry)
    {
        byte[] bytes = new byte[entry.Size];
        Assert.Equal(Errno.Success, package.ReadFile(entry, 0, bytes, out int read));
        Assert.Equal(bytes.Length, read);
        return bytes;
    }

    [Fact]
    public async Task PublishedCoreutilsPackageValidatesWithAllCommands()
    {
        using var source = new FilePackageSource(await CachedCoreutils.PathAsync());
        Errno errno = AospkgReader.Open(source, out AospkgPackage? package, out string error);

        Assert.True(errno == Errno.Success, error);
        Assert.Equal(("coreutils", "0.3.4"), (package!.Name, package.Version));
        Assert.Equal(7702, package.MountBase);
        Assert.Equal(118, package.Commands.Count);
        Assert.Equal(120, package.Entries.Count);
        Assert.Equal("[", package.Commands[0].Name);
        Assert.Equal("yes", package.Commands[^1].Name);

        Assert.True(package.TryGetCommand("sh", out PackageEntry? sh));
        Assert.True(package.TryGetCommand("bash", out PackageEntry? bash));
        Assert.Equal(3_090_134, sh.Size);
        Assert.Equal(SHA256.HashData(ReadAll(package, sh)), SHA256.HashData(ReadAll(package, bash)));

        Assert.True(package.TryGetEntry("/bin/echo", out PackageEntry? echo));
        Assert.Equal(0x81EDu, echo.Mode);
        Assert.Equal((1000u, 1000u, 1_784_630_457L), (echo.Uid, echo.Gid, echo.MtimeSeconds));
        byte[] magic = new byte[4];
        Assert.Equal(Errno.Success, package.ReadFile(echo, 0, magic, out int read));
        Assert.Equal(4, read);
        Assert.Equal("\0asm"u8.ToArray(), magic);
    }
}
