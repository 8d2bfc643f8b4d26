using System.Text;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Packages;
using AgentOs.Kernel.Processes;
using AgentOs.Kernel.Threading;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Tests.Packages;

public sealed class PackageMountTests
{
    private const string Pkg = "/opt/agentos/pkgs/demo/1.2.3";
    private const long MtimeNs = 1_784_630_457L * 1_000_000_000;

    private static readonly PathContext User = new(Credentials.AgentOsUser, "/workspace", 0x12);
    private static readonly byte[] Hello = "\0asm-hello-module"u8.ToArray();
    private static readonly byte[] Shell = "\0asm-shell"u8.ToArray();
    private static readonly byte[] Data = Enumerable.Range(0, 1300).Select(i => (byte)(i * 7)).ToArray();

    private readonly Kernel _kernel = new(new KernelOptions());

    private VirtualFileSystem Fs => _kernel.FileSystem;

    private static AospkgBuilder Demo()
    {
        var b = new AospkgBuilder();
        b.Directory("/").Directory("/bin", uid: 1000)
            .File("/bin/hello", Hello)
            .File("/bin/sh", Shell)
            .Symlink("/bin/hi", "hello")
            .Directory("/lib")
            .Directory("/lib/deep")
            .File("/lib/deep/data.bin", Data, mode: 0x81A4)
            .Symlink("/lib/latest", "deep");
        b.Commands.Add(("hello", "bin/hello"));
        b.Commands.Add(("hi", "bin/hi"));
        b.Commands.Add(("sh", "bin/sh"));
        return b;
    }

    private static AospkgBuilder Other(params string[] commands)
    {
        var b = new AospkgBuilder { Name = "other", Version = "2.0" };
        b.Directory("/").Directory("/bin");
        foreach (var command in commands)
        {
            b.File("/bin/" + command, Encoding.UTF8.GetBytes(command));
            b.Commands.Add((command, "bin/" + command));
        }

        return b;
    }

    private TestPackage MountDemo()
    {
        var demo = TestPackage.From(Demo());
        Assert.Equal(Errno.Success, demo.MountInto(_kernel));
        return demo;
    }

    private StatInfo Stat(string path, bool follow = true, PathContext? context = null)
    {
        Assert.Equal(Errno.Success, Fs.Stat(context ?? PathContext.Root, path, follow, out var stat));
        return stat;
    }

    private string ReadLink(string path)
    {
        Assert.Equal(Errno.Success, Fs.ReadLink(PathContext.Root, path, out var target));
        return target;
    }

    private FileDescription Open(string path, PathContext context)
    {
        Assert.Equal(Errno.Success, Fs.Open(context, path, OpenFlags.ReadOnly, 0, out var file));
        return file;
    }

    private static void Close(FileDescription file)
    {
        file.Retain();
        file.Release();
    }

    private byte[] ReadAll(string path, PathContext context)
    {
        var file = Open(path, context);
        try
        {
            var result = new List<byte>();
            var buffer = new byte[7]; // small, so reads span many calls and the offset advances
            while (true)
            {
                Assert.Equal(Errno.Success, file.Read(buffer, WaitContext.Unbounded, out var read));
                if (read == 0)
                {
                    return [.. result];
                }

                result.AddRange(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            Close(file);
        }
    }

    private string ProcMounts() => Encoding.UTF8.GetString(ReadAll("/proc/mounts", PathContext.Root));

    private (long Bytes, long Inodes) Charged() => (_kernel.FilesystemBytesGauge.Current, _kernel.InodesGauge.Current);

    [Fact]
    public void PackageEntriesHaveTheIndexModesOwnersSizesTimesAndInodeNumbers()
    {
        var demo = MountDemo();

        var hello = Stat(Pkg + "/bin/hello", context: User);
        Assert.Equal(0x81EDu, hello.Mode);
        Assert.Equal((1000u, 1000u), (hello.Uid, hello.Gid));
        Assert.Equal(Hello.Length, hello.Size);
        Assert.Equal((MtimeNs, MtimeNs, MtimeNs), (hello.AccessTimeNs, hello.ModifyTimeNs, hello.ChangeTimeNs));
        Assert.Equal((ulong)demo.Package.IndexOf("/bin/hello") + 1, hello.Inode);

        var data = Stat(Pkg + "/lib/deep/data.bin");
        Assert.Equal(0x81A4u, data.Mode);
        Assert.Equal((1300L, 3L), (data.Size, data.Blocks));

        var root = Stat(Pkg);
        Assert.Equal((0x41EDu, 1UL, 0u), (root.Mode, root.Inode, root.Uid));
        Assert.Equal(0L, root.ModifyTimeNs);
        Assert.Equal(0x41EDu, Stat(Pkg + "/bin").Mode);
        Assert.Equal(1000u, Stat(Pkg + "/bin").Uid);

        var link = Stat(Pkg + "/bin/hi", follow: false);
        Assert.Equal(ModeBits.Symlink | 0x1FF, link.Mode);
        Assert.Equal("hello".Length, link.Size);
        Assert.Equal("hello", ReadLink(Pkg + "/bin/hi"));
        Assert.Equal(hello.Inode, Stat(Pkg + "/bin/hi").Inode);
        Assert.Equal(data.Inode, Stat(Pkg + "/lib/latest/data.bin").Inode);

        // One device for the whole package, distinct from the VM's root file system.
        Assert.All(new[] { root, data, link }, s => Assert.Equal(hello.Device, s.Device));
        Assert.NotEqual(Stat("/opt/agentos/pkgs/demo").Device, hello.Device);
    }

    [Fact]
    public void FileBytesAreReadableWithReadAndPread()
    {
        MountDemo();

        Assert.Equal(Hello, ReadAll(Pkg + "/bin/hello", User));
        Assert.Equal(Data, ReadAll(Pkg + "/lib/deep/data.bin", User));

        var file = Open(Pkg + "/lib/deep/data.bin", User);
        var buffer = new byte[512];
        Assert.Equal(Errno.Success, file.PRead(buffer, 1000, out var read));
        Assert.Equal(300, read);
        Assert.Equal(Data[1000..], buffer[..read]);
        Assert.Equal(Errno.Success, file.PRead(buffer, 13, out read));
        Assert.Equal(512, read);
        Assert.Equal(Data[13..525], buffer);
        Assert.Equal(Errno.Success, file.PRead(buffer, 1300, out read));
        Assert.Equal(0, read);
        Close(file);
    }

    [Fact]
    public void ConcurrentPreadsOfOneFileEachSeeTheirOwnRange()
    {
        MountDemo();
        var file = Open(Pkg + "/lib/deep/data.bin", User);
        var mismatches = 0;
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var offset = i * 19 % 1200;
            var buffer = new byte[100];
            if (file.PRead(buffer, offset, out var read) != Errno.Success || read != 100 || !Data.AsSpan(offset, 100).SequenceEqual(buffer))
            {
                Interlocked.Increment(ref mismatches);
            }
        });
        Close(file);
        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void ReaddirListsThePackageRootAndSubdirectoriesInIndexOrder()
    {
        MountDemo();

        Assert.Equal(["bin", "lib"], Names(Pkg));
        Assert.Equal(["hello", "hi", "sh"], Names(Pkg + "/bin"));
        Assert.Equal(["deep", "latest"], Names(Pkg + "/lib"));
        Assert.Equal(["1.2.3", "current"], Names("/opt/agentos/pkgs/demo"));
    }

    private List<string> Names(string path)
    {
        Assert.Equal(Errno.Success, Fs.Open(User, path, OpenFlags.ReadOnly | OpenFlags.Directory, 0, out var opened));
        var entries = new List<DirectoryEntry>();
        Assert.Equal(Errno.Success, ((DirectoryDescription)opened).ReadDirectory(0, int.MaxValue, entries));
        Close(opened);
        return entries.Select(e => e.Name).Where(n => n is not "." and not "..").ToList();
    }

    [Fact]
    public void CommandLinksInOptAgentOsBinAndBinResolveToThePackageFile()
    {
        MountDemo();

        var target = Stat(Pkg + "/bin/hello");
        foreach (var path in new[] { "/opt/agentos/bin/hello", "/bin/hello" })
        {
            var resolved = Stat(path, context: User);
            Assert.Equal((target.Device, target.Inode), (resolved.Device, resolved.Inode));
        }

        Assert.Equal(Pkg + "/bin/hello", ReadLink("/opt/agentos/bin/hello"));
        Assert.Equal("/opt/agentos/bin/hello", ReadLink("/bin/hello"));
        Assert.Equal(Hello, ReadAll("/bin/hello", User));
        Assert.Equal(Shell, ReadAll("/bin/sh", User));
        Assert.Equal(target.Inode, Stat("/bin/hi").Inode); // through the package's own relative symlink

        var link = Stat("/opt/agentos/bin/hello", follow: false);
        Assert.Equal((0u, 0u), (link.Uid, link.Gid));
        Assert.Equal(Stat("/").Device, link.Device);
        Assert.Equal(Errno.EACCES, Fs.Unlink(User, "/opt/agentos/bin/hello"));
    }

    [Fact]
    public void CurrentIsASymlinkToTheVersion()
    {
        MountDemo();

        Assert.Equal("1.2.3", ReadLink("/opt/agentos/pkgs/demo/current"));
        Assert.Equal(Stat(Pkg).Inode, Stat("/opt/agentos/pkgs/demo/current").Inode);
        Assert.Equal(Hello, ReadAll("/opt/agentos/pkgs/demo/current/bin/hello", User));
        var directory = Stat("/opt/agentos/pkgs/demo");
        Assert.Equal((0x41EDu, 0u), (directory.Mode, directory.Uid));
    }

    [Fact]
    public void ProcMountsListsThePackageMountReadOnly()
    {
        MountDemo();

        Assert.Contains("\nagentos_packages /opt/agentos/pkgs/demo/1.2.3 agentos_packages ro,relatime 0 0\n", ProcMounts(), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryMutationInsideThePackageFailsWithErofs()
    {
        MountDemo();
        var file = Pkg + "/bin/hello";

        foreach (var who in new[] { PathContext.Root, User })
        {
            Assert.Equal(Errno.EROFS, Fs.Open(who, file, OpenFlags.WriteOnly, 0, out _));
            Assert.Equal(Errno.EROFS, Fs.Open(who, file, OpenFlags.ReadOnly | OpenFlags.Truncate, 0, out _));
            Assert.Equal(Errno.EROFS, Fs.Open(who, Pkg + "/bin/new", OpenFlags.WriteOnly | OpenFlags.Create, 0x1A4, out _));
            Assert.Equal(Errno.EROFS, Fs.Unlink(who, file));
            Assert.Equal(Errno.EROFS, Fs.Chmod(who, file, 0x1FF, follow: true));
            Assert.Equal(Errno.EROFS, Fs.Chown(who, file, 1000, 1000, follow: true));
            Assert.Equal(Errno.EROFS, Fs.Truncate(who, file, 0));
            Assert.Equal(Errno.EROFS, Fs.Mkdir(who, Pkg + "/bin/dir", 0x1ED));
            Assert.Equal(Errno.EROFS, Fs.Symlink(who, "x", Pkg + "/bin/link"));
            Assert.Equal(Errno.EROFS, Fs.Rename(who, file, Pkg + "/bin/renamed"));
            Assert.Equal(Errno.EROFS, Fs.Rmdir(who, Pkg + "/lib/deep"));
        }

        Assert.Equal(Errno.EBUSY, Fs.Rmdir(PathContext.Root, Pkg));
        Assert.Equal(Hello, ReadAll(file, User));
        Assert.Equal(0x81EDu, Stat(file).Mode);
    }

    [Fact]
    public void FilesExposeAContentKeyOfPackageDigestAndEntryPath()
    {
        var demo = MountDemo();

        var file = (RegularFileDescription)Open("/bin/hello", User);
        Assert.Equal(demo.Sha256 + ":/bin/hello", file.Inode.ContentKey);
        Assert.Equal(64, demo.Sha256.Length);
        Close(file);
    }

    [Fact]
    public void MountingChargesNothingToTheGuestBudgets()
    {
        var before = Charged();

        MountDemo();
        Assert.Equal(Errno.Success, TestPackage.From(Other("uniq")).MountInto(_kernel));

        Assert.Equal(before, Charged());
        Assert.Equal(Errno.Success, Fs.Unlink(PathContext.Root, "/bin/hello")); // an uncharged link dies without refunding
        Assert.Equal(before, Charged());
    }

    [Fact]
    public void ExistingBinEntriesAreLeftAlone()
    {
        Assert.Equal(Errno.Success, Fs.Symlink(PathContext.Root, "/usr/bin/sh", "/bin/sh"));

        MountDemo();

        Assert.Equal("/usr/bin/sh", ReadLink("/bin/sh"));
        Assert.Equal(Pkg + "/bin/sh", ReadLink("/opt/agentos/bin/sh"));
    }

    [Fact]
    public void TwoPackagesWithDistinctCommandsBothMount()
    {
        MountDemo();

        Assert.Equal(Errno.Success, TestPackage.From(Other("uniq", "wc")).MountInto(_kernel));

        Assert.Equal("wc"u8.ToArray(), ReadAll("/bin/wc", User));
        Assert.Equal(Hello, ReadAll("/bin/hello", User));
        Assert.NotEqual(Stat("/bin/wc").Device, Stat("/bin/hello").Device);
        Assert.Contains("agentos_packages /opt/agentos/pkgs/other/2.0 agentos_packages ro,relatime 0 0\n", ProcMounts(), StringComparison.Ordinal);
    }

    [Fact]
    public void ACommandExportedByTwoPackagesFailsWithEexistAndMountsNothingOfTheSecond()
    {
        MountDemo();
        var mounts = ProcMounts();
        var charged = Charged();

        Assert.Equal(Errno.EEXIST, TestPackage.From(Other("uniq", "hello")).MountInto(_kernel));

        Assert.Equal(Errno.ENOENT, Fs.Stat(PathContext.Root, "/opt/agentos/pkgs/other", false, out _));
        Assert.Equal(Errno.ENOENT, Fs.Stat(PathContext.Root, "/opt/agentos/bin/uniq", false, out _));
        Assert.Equal(Errno.ENOENT, Fs.Stat(PathContext.Root, "/bin/uniq", false, out _));
        Assert.Equal(Pkg + "/bin/hello", ReadLink("/opt/agentos/bin/hello"));
        Assert.Equal(mounts, ProcMounts());
        Assert.Equal(charged, Charged());
    }

    [Fact]
    public void MountingTheSamePackageTwiceFailsWithEexist()
    {
        var demo = MountDemo();
        var mounts = ProcMounts();

        Assert.Equal(Errno.EEXIST, demo.MountInto(_kernel));
        Assert.Equal(Errno.EEXIST, TestPackage.From(Demo()).MountInto(_kernel));

        Assert.Equal(mounts, ProcMounts());
    }

    [Fact]
    public void AFailureHalfwayUndoesEverythingAlreadyCreated()
    {
        // /bin is a regular file, so the /bin/<command> links fail with ENOTDIR after the package links exist.
        Assert.Equal(Errno.Success, Fs.Rmdir(PathContext.Root, "/bin"));
        Assert.Equal(Errno.Success, Fs.Open(PathContext.Root, "/bin", OpenFlags.WriteOnly | OpenFlags.Create, 0x1A4, out var bin));
        Close(bin);
        var mounts = ProcMounts();

        Assert.Equal(Errno.ENOTDIR, TestPackage.From(Demo()).MountInto(_kernel));

        Assert.Equal(Errno.ENOENT, Fs.Stat(PathContext.Root, "/opt/agentos/pkgs/demo", false, out _));
        Assert.Empty(Names("/opt/agentos/bin"));
        Assert.Equal(mounts, ProcMounts());
    }

    [Theory]
    [InlineData("a/b", "1.0")]
    [InlineData("demo", "..")]
    [InlineData("demo", ".")]
    public void NamesAndVersionsMustBeSinglePathComponents(string name, string version)
    {
        var b = Demo();
        b.Name = name;
        b.Version = version;

        Assert.Equal(Errno.EINVAL, TestPackage.From(b).MountInto(_kernel));

        Assert.Empty(Names("/opt/agentos/pkgs"));
        Assert.Empty(Names("/opt/agentos/bin"));
    }

    [Fact]
    public void ReadingAfterTheHostSourceShrankFailsWithEio()
    {
        var demo = MountDemo();
        var file = Open(Pkg + "/lib/deep/data.bin", User);

        demo.Source.CutAt(demo.Package.MountBase);

        Assert.Equal(Errno.EIO, file.Read(new byte[16], WaitContext.Unbounded, out var read));
        Assert.Equal(0, read);
        Assert.Equal(Errno.EIO, file.PRead(new byte[16], 100, out _));
        Close(file);
    }

    [Fact]
    public async Task PublishedCoreutilsMountsWithAllCommandLinks()
    {
        var path = await CachedCoreutils.PathAsync();
        using var source = new FilePackageSource(path);
        Assert.Equal(Errno.Success, AospkgReader.Open(source, out AospkgPackage? package, out string error));
        Assert.True(error.Length == 0, error);
        var sha = Path.GetFileNameWithoutExtension(path)["sha256-".Length..];
        var charged = Charged();

        Assert.Equal(Errno.Success, _kernel.MountPackage(package!, sha));

        Assert.Equal(118, Names("/opt/agentos/bin").Count);
        Assert.Equal("/opt/agentos/pkgs/coreutils/0.3.4/bin/sh", ReadLink("/opt/agentos/bin/sh"));
        Assert.Equal(3_090_134, Stat("/bin/sh", context: User).Size);
        var file = Open("/bin/sh", User);
        var magic = new byte[4];
        Assert.Equal(Errno.Success, file.Read(magic, WaitContext.Unbounded, out var read));
        Assert.Equal((4, "\0asm"), (read, Encoding.ASCII.GetString(magic)));
        Assert.Equal(sha + ":/bin/sh", ((RegularFileDescription)file).Inode.ContentKey);
        Close(file);
        Assert.Equal(Stat("/opt/agentos/pkgs/coreutils/0.3.4/bin/ls").Inode, Stat("/bin/ls").Inode);
        Assert.Contains("agentos_packages /opt/agentos/pkgs/coreutils/0.3.4 agentos_packages ro,relatime 0 0\n", ProcMounts(), StringComparison.Ordinal);
        Assert.Equal(charged, Charged());
    }
}
