using AgentOs.Kernel;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Software;

/// <summary>
/// Software given as WebAssembly modules rather than packages: a <c>.wasm</c> file, or a directory of them. Each is
/// copied into the VM as <c>/usr/local/bin/NAME</c> (the file name without <c>.wasm</c>, mode 0755), where the kernel
/// runs it like any executable VM file that starts with the wasm magic; compiled code is cached by content.
/// </summary>
internal static class WasmPrograms
{
    /// <summary>Where the programs go; on the default PATH after <c>/opt/agentos/bin</c>, so packaged commands win.</summary>
    public const string InstallDirectory = "/usr/local/bin";

    /// <summary>True when <paramref name="spec"/> names a .wasm file or a host directory.</summary>
    public static bool IsWasmSpec(string spec) =>
        spec.EndsWith(".wasm", StringComparison.OrdinalIgnoreCase) || (SoftwareCatalog.IsLocalPath(spec) && Directory.Exists(HostPath(spec)));

    /// <summary>The modules <paramref name="spec"/> names, as (command, host path), sorted by command.</summary>
    /// <exception cref="SoftwareException">The file or directory does not exist, or a directory holds no .wasm file.</exception>
    public static IReadOnlyList<(string Command, string Path)> Find(string spec)
    {
        var path = HostPath(spec);
        if (Directory.Exists(path))
        {
            var found = Directory.GetFiles(path, "*.wasm").Order(StringComparer.Ordinal).Select(f => (Command(f), f)).ToList();
            return found.Count > 0 ? found : throw new SoftwareException($"{spec}: no .wasm files in this directory");
        }

        return File.Exists(path) ? [(Command(path), path)] : throw new SoftwareException($"{spec}: no such .wasm file");
    }

    /// <summary>Writes the module at <paramref name="path"/> into the VM as <see cref="InstallDirectory"/>/<paramref name="command"/>;
    /// with <paramref name="replace"/> (a tree loaded from a state, holding the copy installed then), a file already
    /// there is replaced by the host's current module.</summary>
    /// <exception cref="SoftwareException">Not a WebAssembly module, or the VM refused the file.</exception>
    public static void Install(Kernel.Kernel kernel, string command, string path, bool replace)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 4 || !bytes.AsSpan(0, 4).SequenceEqual("\0asm"u8))
        {
            throw new SoftwareException($"{path}: not a WebAssembly module");
        }

        var target = InstallDirectory + "/" + command;
        if (replace && kernel.FileSystem.Stat(PathContext.Root, target, follow: false, out var existing) == Errno.Success && existing.FileType == FileType.RegularFile)
        {
            kernel.FileSystem.Unlink(PathContext.Root, target);
        }

        var errno = kernel.FileSystem.Open(PathContext.Root, target, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive, 0x1ED, out var file);
        if (errno == Errno.Success)
        {
            file.Retain();
            try
            {
                errno = file.Write(bytes, default, out var written);
                errno = errno == Errno.Success && written != bytes.Length ? Errno.ENOSPC : errno;
            }
            finally
            {
                file.Release();
            }
        }

        if (errno != Errno.Success)
        {
            var reason = errno == Errno.EEXIST ? "another program of that name is already installed" : AgentOsFileSystemException.Strerror(errno);
            throw new SoftwareException($"{path}: cannot be installed in the VM as {target} ({errno}): {reason}");
        }
    }

    private static string Command(string path) => System.IO.Path.GetFileNameWithoutExtension(path);

    private static string HostPath(string spec) => System.IO.Path.GetFullPath(
        spec.StartsWith('~') ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + spec[1..] : spec);
}
