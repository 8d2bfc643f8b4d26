using System.Text;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Processes;
using AgentOs.Kernel.Threading;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Tests.Vfs;

/// <summary>A VFS with its own byte and inode gauges, plus terse helpers for the conformance tests.</summary>
internal sealed class VfsHarness
{
    public const long MiB = 1024 * 1024;

    public VfsHarness(long bytes = 64 * MiB, long inodes = 16384, bool baseTree = false, TimeProvider? time = null)
    {
        var registry = new LimitRegistry("t");
        Bytes = registry.Register(LimitNames.FilesystemBytes, LimitCategory.Resource, bytes, "limits.resources.maxFilesystemBytes");
        Inodes = registry.Register(LimitNames.Inodes, LimitCategory.Resource, inodes, "limits.resources.maxInodeCount");
        time ??= TimeProvider.System;
        Fs = baseTree ? VirtualFileSystem.CreateWithBaseTree(Bytes, Inodes, time) : new VirtualFileSystem(Bytes, Inodes, time);
    }

    public static PathContext Root { get; } = new(Credentials.Root, "/", 0x12);

    public static PathContext User { get; } = new(Credentials.AgentOsUser, "/", 0x12);

    public static PathContext Other { get; } = new(new Credentials(2000, 2000, 2000, 2000, [2000]), "/", 0x12);

    public VirtualFileSystem Fs { get; }

    public LimitGauge Bytes { get; }

    public LimitGauge Inodes { get; }

    public static PathContext In(PathContext context, string workingDirectory) => context with { WorkingDirectory = workingDirectory };

    public static void Close(FileDescription description)
    {
        description.Retain();
        description.Release();
    }

    public static int Write(FileDescription description, string text) => Write(description, Encoding.UTF8.GetBytes(text));

    public static int Write(FileDescription description, byte[] data)
    {
        Assert.Equal(Errno.Success, description.Write(data, WaitContext.Unbounded, out var written));
        return written;
    }

    public static string ReadToEnd(FileDescription description)
    {
        var result = new MemoryStream();
        var buffer = new byte[4096];
        while (true)
        {
            Assert.Equal(Errno.Success, description.Read(buffer, WaitContext.Unbounded, out var read));
            if (read == 0)
            {
                return Encoding.UTF8.GetString(result.ToArray());
            }

            result.Write(buffer, 0, read);
        }
    }

    public FileDescription Open(string path, OpenFlags flags, PathContext? context = null, uint mode = 0x1A4)
    {
        Assert.Equal(Errno.Success, Fs.Open(context ?? Root, path, flags, mode, out var description));
        return description;
    }

    public Errno TryOpen(string path, OpenFlags flags, PathContext? context = null, uint mode = 0x1A4)
    {
        var result = Fs.Open(context ?? Root, path, flags, mode, out var description);
        if (result == Errno.Success)
        {
            Close(description);
        }

        return result;
    }

    public void WriteFile(string path, string content, PathContext? context = null, uint mode = 0x1A4)
    {
        var file = Open(path, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Truncate, context, mode);
        Assert.Equal(Encoding.UTF8.GetByteCount(content), Write(file, content));
        Close(file);
    }

    public string ReadFile(string path, PathContext? context = null)
    {
        var file = Open(path, OpenFlags.ReadOnly, context);
        try
        {
            return ReadToEnd(file);
        }
        finally
        {
            Close(file);
        }
    }

    public StatInfo Stat(string path, bool follow = true, PathContext? context = null)
    {
        Assert.Equal(Errno.Success, Fs.Stat(context ?? Root, path, follow, out var stat));
        return stat;
    }

    public void Mkdir(string path, uint mode = 0x1ED, PathContext? context = null) =>
        Assert.Equal(Errno.Success, Fs.Mkdir(context ?? Root, path, mode));

    public List<DirectoryEntry> List(string path, PathContext? context = null)
    {
        var directory = (DirectoryDescription)Open(path, OpenFlags.ReadOnly | OpenFlags.Directory, context);
        var entries = new List<DirectoryEntry>();
        Assert.Equal(Errno.Success, directory.ReadDirectory(0, int.MaxValue, entries));
        Close(directory);
        return entries;
    }

    public List<string> Names(string path) => List(path).Select(e => e.Name).Where(n => n is not "." and not "..").ToList();
}
