using System.Buffers.Binary;
using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using AgentOs.Kernel.Vfs;

namespace AgentOs.State;

/// <summary>Writes a state (docs/state-format.md): magic, version, JSON header, the snapshot's tree as a
/// gzip-compressed PAX tar in chunks, and the SHA-256 of all of it.</summary>
internal static class StateWriter
{
    public static async Task WriteAsync(Stream destination, StateHeader header, TreeSnapshot snapshot, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        header.FileSystem = new StateFileSystem { Compression = "gzip", Inodes = snapshot.Inodes, Bytes = snapshot.Bytes };
        var json = JsonSerializer.SerializeToUtf8Bytes(header, StateFormat.Json);
        var prefix = new byte[16 + json.Length];
        StateFormat.Magic.CopyTo(prefix);
        BinaryPrimitives.WriteUInt32LittleEndian(prefix.AsSpan(8), StateFormat.Version);
        BinaryPrimitives.WriteUInt32LittleEndian(prefix.AsSpan(12), (uint)json.Length);
        json.CopyTo(prefix, 16);
        hash.AppendData(prefix);
        await destination.WriteAsync(prefix, cancellationToken).ConfigureAwait(false);

        var chunks = new ChunkWriteStream(destination, hash);
        await using (var gzip = new GZipStream(chunks, CompressionLevel.Fastest, leaveOpen: true))
        {
            await using var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
            await WriteTreeAsync(tar, snapshot.Root, cancellationToken).ConfigureAwait(false);
        }

        await chunks.FinishAsync(cancellationToken).ConfigureAwait(false);
        await destination.WriteAsync(hash.GetHashAndReset(), cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>"./" for "/", then every entry before its children; a file's later names as hard links.</summary>
    private static async Task WriteTreeAsync(TarWriter tar, DirectoryInode root, CancellationToken cancellationToken)
    {
        var firstNames = new Dictionary<Inode, string>(ReferenceEqualityComparer.Instance);
        await WriteEntryAsync(tar, "./", root, null, cancellationToken).ConfigureAwait(false);
        var pending = new Stack<(DirectoryInode Directory, string Prefix)>();
        pending.Push((root, string.Empty));
        while (pending.TryPop(out var current))
        {
            foreach (var (name, node) in current.Directory.Entries())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var path = current.Prefix + name;
                if (node is DirectoryInode directory)
                {
                    await WriteEntryAsync(tar, path + "/", node, null, cancellationToken).ConfigureAwait(false);
                    pending.Push((directory, path + "/"));
                }
                else if (firstNames.TryGetValue(node, out var first))
                {
                    await WriteEntryAsync(tar, path, node, first, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    firstNames.Add(node, path);
                    await WriteEntryAsync(tar, path, node, null, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task WriteEntryAsync(TarWriter tar, string name, Inode node, string? hardLinkTo, CancellationToken cancellationToken)
    {
        var stat = node.Stat();
        var type = hardLinkTo is not null ? TarEntryType.HardLink : node switch
        {
            DirectoryInode => TarEntryType.Directory,
            SymlinkInode => TarEntryType.SymbolicLink,
            DeviceInode => TarEntryType.CharacterDevice,
            FifoInode => TarEntryType.Fifo,
            _ => TarEntryType.RegularFile,
        };
        var times = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [StateFormat.AccessTimeKey] = stat.AccessTimeNs.ToString(CultureInfo.InvariantCulture),
            [StateFormat.ModifyTimeKey] = stat.ModifyTimeNs.ToString(CultureInfo.InvariantCulture),
            [StateFormat.ChangeTimeKey] = stat.ChangeTimeNs.ToString(CultureInfo.InvariantCulture),
        };
        var entry = new PaxTarEntry(type, name, times)
        {
            Mode = (UnixFileMode)(stat.Mode & ModeBits.PermissionMask),
            Uid = (int)stat.Uid,
            Gid = (int)stat.Gid,
            ModificationTime = DateTimeOffset.UnixEpoch.AddTicks(stat.ModifyTimeNs / 100),
        };
        switch (node)
        {
            case SymlinkInode link when hardLinkTo is null:
                entry.LinkName = link.Target;
                break;
            case DeviceInode device when hardLinkTo is null:
                entry.DeviceMajor = (int)(device.RDev >> 8);
                entry.DeviceMinor = (int)(device.RDev & 0xFF);
                break;
            case MemoryFileInode file when hardLinkTo is null:
                entry.DataStream = new InodeReadStream(file);
                break;
            default:
                if (hardLinkTo is not null)
                {
                    entry.LinkName = hardLinkTo;
                }

                break;
        }

        await tar.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
    }
}
