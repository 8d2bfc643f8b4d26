using System.Buffers.Binary;
using System.Text;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Packages;

/// <summary>
/// Opens and validates an .aospkg container, format version 1 (spec §1). Everything the runtime later trusts is
/// checked here: header, chunk schema versions, exact BARE decoding of both chunks, a strictly byte-wise sorted index
/// of normalized paths whose parents exist, file ranges inside the mount chunk, and command targets. Failures come
/// back as an <see cref="Errno"/> plus a message; nothing is thrown for malformed input.
/// </summary>
internal static class AospkgReader
{
    public const int HeaderSize = 16;
    public const ushort FormatVersion = 1;
    public const ushort SchemaVersion = 1;

    /// <summary>MAX_TAR_INDEX_ENTRIES of the reference loader.</summary>
    public const int MaxIndexEntries = 200_000;

    /// <summary>Manifest and index are read into memory; no real package comes near this.</summary>
    public const int MaxChunkBytes = 64 << 20;

    private static readonly byte[] Magic = [0x89, (byte)'A', (byte)'O', (byte)'S'];

    // path + kind + offset + size + mode + uid + gid + mtime + optional tag, with a 1-byte path.
    private const int MinEntryBytes = 2 + 1 + 8 + 8 + 4 + 4 + 4 + 8 + 1;

    public static Errno Open(IPackageSource source, out AospkgPackage? package, out string error)
    {
        package = null;
        long fileLength = source.Length;
        if (fileLength < HeaderSize)
        {
            return Reject(Errno.EINVAL, $"truncated header: file is {fileLength} bytes, the header needs {HeaderSize}", out error);
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        if (!ReadExactly(source, 0, header))
        {
            return Reject(Errno.EIO, "short read of the header", out error);
        }

        if (!header[..4].SequenceEqual(Magic))
        {
            return Reject(Errno.EINVAL, $"invalid .aospkg magic {Convert.ToHexString(header[..4])}", out error);
        }

        ushort format = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
        if (format != FormatVersion)
        {
            return Reject(Errno.EINVAL, $"unsupported .aospkg format version {format}", out error);
        }

        ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);
        if (flags != 0)
        {
            return Reject(Errno.EINVAL, $"unsupported .aospkg flags 0x{flags:x4}", out error);
        }

        uint manifestLength = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        uint indexLength = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);

        // Two u32 lengths plus the header cannot overflow u64, so this comparison is exact.
        ulong mountBase = HeaderSize + (ulong)manifestLength + indexLength;
        if (mountBase > (ulong)fileLength)
        {
            return Reject(
                Errno.EINVAL,
                $"truncated file: manifest ({manifestLength} bytes) and index ({indexLength} bytes) end at byte {mountBase} but the file has {fileLength}",
                out error);
        }

        if (manifestLength > MaxChunkBytes || indexLength > MaxChunkBytes)
        {
            return Reject(Errno.EFBIG, $"manifest or index chunk larger than {MaxChunkBytes} bytes", out error);
        }

        byte[] manifestChunk = new byte[manifestLength];
        byte[] indexChunk = new byte[indexLength];
        if (!ReadExactly(source, HeaderSize, manifestChunk) || !ReadExactly(source, HeaderSize + manifestLength, indexChunk))
        {
            return Reject(Errno.EIO, "short read of the manifest or index chunk", out error);
        }

        long mountLength = fileLength - (long)mountBase;
        if (!DecodeIndex(indexChunk, mountLength, out PackageEntry[] entries, out Dictionary<string, int> indexByPath, out Errno errno, out error))
        {
            return errno;
        }

        if (!DecodeManifest(manifestChunk, indexByPath, out string name, out string version, out PackageCommand[] commands, out error))
        {
            return Errno.EINVAL;
        }

        package = new AospkgPackage(source, name, version, (long)mountBase, entries, indexByPath, commands);
        error = string.Empty;
        return Errno.Success;
    }

    private static bool DecodeManifest(
        ReadOnlySpan<byte> chunk,
        Dictionary<string, int> indexByPath,
        out string name,
        out string version,
        out PackageCommand[] commands,
        out string error)
    {
        name = version = string.Empty;
        commands = [];
        var r = new BareReader(chunk);
        if (!ReadSchemaVersion(ref r, "manifest")
            || !r.String("manifest.name", out name)
            || !r.String("manifest.version", out version)
            || !SkipAgent(ref r)
            || !SkipProvides(ref r)
            || !ReadCommands(ref r, indexByPath, out commands)
            || !SkipPairList(ref r, "manifest.manPages")
            || !SkipOptionalString(ref r, "manifest.snapshotBundlePath")
            || !r.End("manifest"))
        {
            error = "manifest: " + r.Error;
            return false;
        }

        if (name.Length == 0 || version.Length == 0)
        {
            error = "manifest: empty package name or version";
            return false;
        }

        error = string.Empty;
        return true;
    }

    private static bool ReadCommands(ref BareReader r, Dictionary<string, int> indexByPath, out PackageCommand[] commands)
    {
        commands = [];
        if (!r.Length("manifest.commands", 2, out int count))
        {
            return false;
        }

        var list = new PackageCommand[count];
        var seen = new HashSet<string>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            if (!r.String("manifest.commands.command", out string command) || !r.String("manifest.commands.entry", out string entry))
            {
                return false;
            }

            if (command.Length == 0 || command.Contains('/', StringComparison.Ordinal) || command is "." or "..")
            {
                return r.Fail($"invalid command name \"{command}\"");
            }

            if (!seen.Add(command))
            {
                return r.Fail($"command \"{command}\" listed twice");
            }

            string entryPath = "/" + entry;
            if (entry.Length == 0 || entry[0] == '/' || !indexByPath.ContainsKey(entryPath))
            {
                return r.Fail($"command \"{command}\" targets \"{entry}\", which is not a package-relative path in the index");
            }

            list[i] = new PackageCommand(command, entryPath);
        }

        commands = list;
        return true;
    }

    private static bool SkipAgent(ref BareReader r)
    {
        if (!r.Optional("manifest.agent", out bool present))
        {
            return false;
        }

        return !present
            || (r.StringRange("manifest.agent.acpEntrypoint", out _, out _)
                && r.Bool("manifest.agent.snapshot", out _)
                && r.SkipStringMap("manifest.agent.env")
                && r.SkipStringList("manifest.agent.launchArgs"));
    }

    private static bool SkipProvides(ref BareReader r)
    {
        if (!r.Optional("manifest.provides", out bool present))
        {
            return false;
        }

        return !present || (r.SkipStringMap("manifest.provides.env") && SkipPairList(ref r, "manifest.provides.files"));
    }

    private static bool SkipPairList(ref BareReader r, string what)
    {
        if (!r.Length(what, 2, out int count))
        {
            return false;
        }

        for (int i = 0; i < count; i++)
        {
            if (!r.StringRange(what, out _, out _) || !r.StringRange(what, out _, out _))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SkipOptionalString(ref BareReader r, string what)
    {
        if (!r.Optional(what, out bool present))
        {
            return false;
        }

        return !present || r.StringRange(what, out _, out _);
    }

    private static bool DecodeIndex(
        ReadOnlySpan<byte> chunk,
        long mountLength,
        out PackageEntry[] entries,
        out Dictionary<string, int> indexByPath,
        out Errno errno,
        out string error)
    {
        entries = [];
        indexByPath = [];
        errno = Errno.EINVAL;
        var r = new BareReader(chunk);
        if (!ReadSchemaVersion(ref r, "index") || !r.Varint("index.tarEntries", out ulong rawCount))
        {
            error = "index: " + r.Error;
            return false;
        }

        if (rawCount > MaxIndexEntries)
        {
            errno = Errno.ENOMEM;
            error = $"index: {rawCount} entries exceed invariant.tarFilesystemIndexEntries ({MaxIndexEntries})";
            return false;
        }

        if (rawCount == 0)
        {
            error = "index: no entries (the root directory \"/\" is required)";
            return false;
        }

        if (rawCount > (ulong)(r.Remaining / MinEntryBytes))
        {
            error = $"index: entry count {rawCount} does not fit the {r.Remaining} bytes left in the chunk";
            return false;
        }

        int count = (int)rawCount;
        var list = new PackageEntry[count];
        var byPath = new Dictionary<string, int>(count, StringComparer.Ordinal);
        int previousStart = 0;
        int previousLength = 0;
        for (int i = 0; i < count; i++)
        {
            if (!r.StringRange("path", out int pathStart, out int pathLength)
                || !r.Varint("kind", out ulong kind)
                || !r.U64("offset", out ulong offset)
                || !r.U64("size", out ulong size)
                || !r.U32("mode", out uint mode)
                || !r.U32("uid", out uint uid)
                || !r.U32("gid", out uint gid)
                || !r.I64("mtime", out long mtime)
                || !r.Optional("linkTarget", out bool hasTarget))
            {
                error = $"index entry #{i}: {r.Error}";
                return false;
            }

            string? linkTarget = null;
            if (hasTarget)
            {
                if (!r.String("linkTarget", out string target))
                {
                    error = $"index entry #{i}: {r.Error}";
                    return false;
                }

                linkTarget = target;
            }

            ReadOnlySpan<byte> pathBytes = chunk.Slice(pathStart, pathLength);
            string path = Encoding.UTF8.GetString(pathBytes);
            int order = i == 0 ? 1 : pathBytes.SequenceCompareTo(chunk.Slice(previousStart, previousLength));
            string? problem = order switch
            {
                0 => "duplicate path",
                < 0 => "index is not sorted byte-wise",
                _ => CheckEntry(path, i, kind, offset, size, mode, mtime, linkTarget, mountLength, list, byPath),
            };
            if (problem is not null)
            {
                errno = problem.StartsWith("file range", StringComparison.Ordinal) ? Errno.EIO : Errno.EINVAL;
                error = $"index entry #{i} \"{path}\": {problem}";
                return false;
            }

            var entryKind = (PackageEntryKind)kind;
            bool isFile = entryKind == PackageEntryKind.File;
            list[i] = new PackageEntry(path, entryKind, isFile ? (long)offset : 0, isFile ? (long)size : 0, mode, uid, gid, mtime, linkTarget);
            byPath.Add(path, i);
            previousStart = pathStart;
            previousLength = pathLength;
        }

        if (!r.End("index"))
        {
            error = "index: " + r.Error;
            return false;
        }

        entries = list;
        indexByPath = byPath;
        error = string.Empty;
        errno = Errno.Success;
        return true;
    }

    /// <summary>Returns why an (already in-order) entry is invalid, or null.</summary>
    private static string? CheckEntry(
        string path,
        int position,
        ulong kind,
        ulong offset,
        ulong size,
        uint mode,
        long mtime,
        string? linkTarget,
        long mountLength,
        PackageEntry[] earlier,
        Dictionary<string, int> byPath)
    {
        if (!IsNormalizedAbsolute(path))
        {
            return "path is not a normalized absolute path";
        }

        if (kind > (ulong)PackageEntryKind.Symlink)
        {
            return $"unknown entry kind {kind}";
        }

        var entryKind = (PackageEntryKind)kind;
        uint expectedType = entryKind switch
        {
            PackageEntryKind.File => ModeBits.Regular,
            PackageEntryKind.Directory => ModeBits.Directory,
            _ => ModeBits.Symlink,
        };
        if ((mode & ModeBits.TypeMask) != expectedType)
        {
            return $"mode 0{Convert.ToString(mode, 8)} does not match kind {entryKind}";
        }

        if (position == 0)
        {
            if (path != "/" || entryKind != PackageEntryKind.Directory)
            {
                return "the first entry must be the root directory \"/\"";
            }
        }
        else
        {
            string parent = path[..Math.Max(1, path.LastIndexOf('/'))];
            if (!byPath.TryGetValue(parent, out int parentIndex) || earlier[parentIndex].Kind != PackageEntryKind.Directory)
            {
                return $"parent directory \"{parent}\" is missing";
            }
        }

        if (mtime < 0)
        {
            return $"negative mtime {mtime}";
        }

        if (entryKind == PackageEntryKind.File && (offset > (ulong)mountLength || size > (ulong)mountLength - offset))
        {
            return $"file range [{offset}, +{size}) lies outside the {mountLength}-byte mount chunk";
        }

        if (entryKind == PackageEntryKind.Symlink ? string.IsNullOrEmpty(linkTarget) : linkTarget is not null)
        {
            return entryKind == PackageEntryKind.Symlink ? "symlink without a target" : "link target on a non-symlink";
        }

        return null;
    }

    /// <summary>"/" or "/a/b": no empty, "." or ".." components and no trailing slash.</summary>
    internal static bool IsNormalizedAbsolute(string path)
    {
        if (path.Length == 0 || path[0] != '/')
        {
            return false;
        }

        if (path.Length == 1)
        {
            return true;
        }

        foreach (string component in path[1..].Split('/'))
        {
            if (component is "" or "." or "..")
            {
                return false;
            }
        }

        return true;
    }

    private static bool ReadSchemaVersion(ref BareReader r, string chunk)
    {
        if (!r.U16($"{chunk} schema version", out ushort version))
        {
            return false;
        }

        return version == SchemaVersion || r.Fail($"unsupported {chunk} schema version {version}");
    }

    private static bool ReadExactly(IPackageSource source, long offset, Span<byte> buffer)
    {
        int done = 0;
        while (done < buffer.Length)
        {
            int n = source.Read(offset + done, buffer[done..]);
            if (n <= 0)
            {
                return false;
            }

            done += n;
        }

        return true;
    }

    private static Errno Reject(Errno errno, string message, out string error)
    {
        error = message;
        return errno;
    }
}
