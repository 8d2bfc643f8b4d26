using System.Buffers.Binary;
using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using AgentOs.Kernel;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Vfs;

namespace AgentOs.State;

/// <summary>
/// Reads a state (docs/state-format.md): <see cref="OpenAsync"/> checks the magic, version and header;
/// <see cref="LoadAsync"/> builds the tree into a new kernel's empty file system and checks the SHA-256 at the end.
/// Anything wrong is an <see cref="AgentOsStateException"/>; the caller then drops the kernel, so no VM ever sees a
/// partial state.
/// </summary>
internal sealed class StateReader : IDisposable
{
    private const int MaxVmIdLength = 256;

    private readonly Stream _source;
    private readonly IncrementalHash _hash;

    // One buffer for every file's bytes: a state may hold many thousands of small files.
    private readonly byte[] _copyBuffer = new byte[256 << 10];

    private StateReader(Stream source, IncrementalHash hash, StateHeader header)
    {
        _source = source;
        _hash = hash;
        Header = header;
    }

    public StateHeader Header { get; }

    /// <exception cref="AgentOsStateException">Not a state, an unknown version, or a bad header.</exception>
    public static async Task<StateReader> OpenAsync(Stream source, CancellationToken cancellationToken)
    {
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            var prefix = new byte[16];
            await source.ReadExactlyAsync(prefix, cancellationToken).ConfigureAwait(false);
            if (!prefix.AsSpan(0, 8).SequenceEqual(StateFormat.Magic))
            {
                throw new AgentOsStateException("state: not an AgentOs VM state (bad magic).");
            }

            var version = BinaryPrimitives.ReadUInt32LittleEndian(prefix.AsSpan(8));
            if (version != StateFormat.Version)
            {
                throw new AgentOsStateException($"state: format version {version} is not supported (this AgentOs reads version {StateFormat.Version}).");
            }

            var length = BinaryPrimitives.ReadUInt32LittleEndian(prefix.AsSpan(12));
            if (length is 0 or > StateFormat.MaxHeaderBytes)
            {
                throw new AgentOsStateException($"state: the header claims {length} bytes (1 to {StateFormat.MaxHeaderBytes} allowed).");
            }

            var json = new byte[length];
            await source.ReadExactlyAsync(json, cancellationToken).ConfigureAwait(false);
            hash.AppendData(prefix);
            hash.AppendData(json);
            var header = JsonSerializer.Deserialize<StateHeader>(json, StateFormat.Json)
                ?? throw new AgentOsStateException("state: the header is empty.");
            if (header.FileSystem?.Compression is not ("gzip" or "none") || header.Configuration is not { } configuration
                || configuration.Software is null || configuration.Env is null || configuration.Cwd is null
                || configuration.AllowedHosts is null || configuration.DnsServers is null)
            {
                throw new AgentOsStateException("state: the header's configuration is incomplete or its compression unknown.");
            }

            if (header.VmId is not { Length: > 0 and <= MaxVmIdLength } || header.VmId.Any(char.IsControl))
            {
                throw new AgentOsStateException($"state: the header's vmId is empty, longer than {MaxVmIdLength} characters or holds control characters.");
            }

            return new StateReader(source, hash, header);
        }
        catch (Exception e) when (e is EndOfStreamException or JsonException)
        {
            hash.Dispose();
            throw new AgentOsStateException($"state: the header is truncated or corrupt ({e.Message})", innerException: e);
        }
        catch
        {
            hash.Dispose();
            throw;
        }
    }

    /// <summary>Refuses, before anything is built, a state whose header says it needs more than the limits.</summary>
    public void CheckFits(EffectiveLimits limits)
    {
        if (Header.FileSystem.Bytes > limits.MaxFilesystemBytes)
        {
            throw TooLarge(nameof(ResourceLimits.MaxFilesystemBytes), $"{Header.FileSystem.Bytes} bytes", limits.MaxFilesystemBytes);
        }

        if (Header.FileSystem.Inodes > limits.MaxInodeCount)
        {
            throw TooLarge(nameof(ResourceLimits.MaxInodeCount), $"{Header.FileSystem.Inodes} inodes", limits.MaxInodeCount);
        }
    }

    /// <summary>Builds the tree into <paramref name="kernel"/> (made without a base tree), then checks the checksum.</summary>
    public async Task LoadAsync(Kernel.Kernel kernel, CancellationToken cancellationToken)
    {
        var limits = kernel.Limits;
        var bytesPath = EffectiveLimits.ConfigPath(nameof(ResourceLimits.MaxFilesystemBytes));
        var maxTar = limits.MaxFilesystemBytes + (limits.MaxInodeCount * StateFormat.TarBytesPerInode) + (1 << 20);
        var chunks = new ChunkReadStream(_source, _hash, maxTar, bytesPath);
        try
        {
            await using (var gzip = Header.FileSystem.Compression == "gzip" ? new GZipStream(chunks, CompressionMode.Decompress, leaveOpen: true) : null)
            {
                var tarStream = new BoundedReadStream(gzip ?? (Stream)chunks, maxTar, bytesPath);
                await using (var tar = new TarReader(new TarHeaderGuardStream(tarStream), leaveOpen: true))
                {
                    var loader = new TreeLoader(kernel.FileSystem);
                    TarEntry? entry;
                    while ((entry = await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false)) is not null)
                    {
                        await LoadEntryAsync(kernel, loader, entry, cancellationToken).ConfigureAwait(false);
                    }
                }

                await tarStream.DrainAsync(cancellationToken).ConfigureAwait(false);
            }

            await chunks.DrainAsync(cancellationToken).ConfigureAwait(false);
            var expected = new byte[32];
            await _source.ReadExactlyAsync(expected, cancellationToken).ConfigureAwait(false);
            if (!CryptographicOperations.FixedTimeEquals(expected, _hash.GetHashAndReset()))
            {
                throw new AgentOsStateException("state: the checksum does not match: the state is corrupt.");
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or ArgumentException or InvalidOperationException or OverflowException)
        {
            throw new AgentOsStateException($"state: the state is corrupt or truncated ({e.Message})", innerException: e);
        }
    }

    public void Dispose() => _hash.Dispose();

    private static AgentOsStateException TooLarge(string field, string needs, long capacity)
    {
        var path = EffectiveLimits.ConfigPath(field);
        return new AgentOsStateException($"state: the filesystem needs {needs}, more than {path} ({capacity}).", path);
    }

    private async Task LoadEntryAsync(Kernel.Kernel kernel, TreeLoader loader, TarEntry entry, CancellationToken cancellationToken)
    {
        var name = entry.Name;
        if (name.StartsWith('/'))
        {
            throw new AgentOsStateException($"state: entry \"{name}\" is absolute.");
        }

        var path = name.StartsWith("./", StringComparison.Ordinal) ? name[2..] : name;
        path = path == "." ? string.Empty : path.TrimEnd('/');
        Inode? node;
        Errno result;
        switch (entry.EntryType)
        {
            case TarEntryType.Directory when path.Length == 0:
                node = loader.Root;
                result = Errno.Success;
                break;
            case TarEntryType.Directory:
                result = loader.AddDirectory(path, out node);
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                result = loader.AddFile(path, out var file);
                node = file;
                if (result == Errno.Success && entry.DataStream is { } data)
                {
                    result = await CopyAsync(data, file!, cancellationToken).ConfigureAwait(false);
                }

                break;
            case TarEntryType.SymbolicLink:
                result = loader.AddSymlink(path, entry.LinkName, out node);
                break;
            case TarEntryType.CharacterDevice when entry is PosixTarEntry { DeviceMajor: 1 } device:
                result = loader.AddDevice(path, (CharDevice)device.DeviceMinor, out node);
                break;
            case TarEntryType.Fifo:
                result = loader.AddFifo(path, out node);
                break;
            case TarEntryType.HardLink:
                var existing = entry.LinkName.StartsWith("./", StringComparison.Ordinal) ? entry.LinkName[2..] : entry.LinkName;
                result = loader.AddHardLink(path, existing);
                node = null;
                break;
            default:
                throw new AgentOsStateException($"state: entry \"{name}\" has a type a VM state cannot hold ({entry.EntryType}).");
        }

        if (result != Errno.Success)
        {
            throw Refused(kernel, name, result);
        }

        if (node is not null)
        {
            var times = (entry as PaxTarEntry)?.ExtendedAttributes;
            var mtime = Time(times, StateFormat.ModifyTimeKey) ?? (entry.ModificationTime - DateTimeOffset.UnixEpoch).Ticks * 100;
            node.SetAttributes((uint)entry.Mode, (uint)entry.Uid, (uint)entry.Gid,
                Time(times, StateFormat.AccessTimeKey) ?? mtime, mtime, Time(times, StateFormat.ChangeTimeKey) ?? mtime);
        }
    }

    private async Task<Errno> CopyAsync(Stream data, MemoryFileInode file, CancellationToken cancellationToken)
    {
        var buffer = _copyBuffer;
        long offset = 0;
        int read;
        while ((read = await data.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var result = file.Write(offset, append: false, buffer.AsSpan(0, read), out var written, out _);
            if (result != Errno.Success || written != read)
            {
                return result == Errno.Success ? Errno.ENOSPC : result;
            }

            offset += read;
        }

        return Errno.Success;
    }

    private static long? Time(IReadOnlyDictionary<string, string>? attributes, string key) =>
        attributes is not null && attributes.TryGetValue(key, out var text)
            ? long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException($"{key} \"{text}\" is not a number")
            : null;

    private static AgentOsStateException Refused(Kernel.Kernel kernel, string name, Errno result)
    {
        if (result == Errno.ENOSPC)
        {
            var inodes = kernel.InodesGauge.Available <= 0;
            var field = inodes ? nameof(ResourceLimits.MaxInodeCount) : nameof(ResourceLimits.MaxFilesystemBytes);
            var path = EffectiveLimits.ConfigPath(field);
            return new AgentOsStateException($"state: entry \"{name}\" does not fit: the filesystem needs more than {path} ({(inodes ? kernel.Limits.MaxInodeCount : kernel.Limits.MaxFilesystemBytes)}).", path);
        }

        var reason = result switch
        {
            Errno.EINVAL => "is not a plain relative path (\"..\", \".\", an empty name or NUL) or has a bad target",
            Errno.ENAMETOOLONG => "is too long",
            Errno.ENOENT => "is not inside a directory that came earlier in the state (a path through a symlink?), or links to a missing file",
            Errno.EEXIST => "appears twice",
            _ => result.ToString(),
        };
        return new AgentOsStateException($"state: entry \"{name}\" {reason}.");
    }
}
