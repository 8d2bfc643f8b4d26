using System.Buffers.Binary;
using System.Text;

namespace AgentOs.Kernel.Tests.Packages;

/// <summary>
/// Packs a small .aospkg the way the reference packer does (spec §1): header, manifest chunk, index chunk, and a
/// tar-ish mount chunk (a 512-byte header block before each file's data, padded to 512, then 1024 zero bytes).
/// </summary>
internal sealed class AospkgBuilder
{
    public string Name { get; set; } = "demo";

    public string Version { get; set; } = "1.2.3";

    public List<TestEntry> Entries { get; } = [];

    public List<(string Command, string Entry)> Commands { get; } = [];

    /// <summary>Keep <see cref="Entries"/> in insertion order instead of sorting them.</summary>
    public bool KeepOrder { get; set; }

    public static AospkgBuilder Sample()
    {
        var b = new AospkgBuilder();
        b.Directory("/").Directory("/bin", uid: 1000)
            .File("/bin/hello", "\0asm-hello"u8.ToArray())
            .File("/bin/empty", [])
            .Symlink("/bin/hi", "hello")
            .Directory("/share")
            .File("/share/readme.txt", Encoding.UTF8.GetBytes(new string('x', 1300)));
        b.Commands.Add(("hello", "bin/hello"));
        b.Commands.Add(("hi", "bin/hi"));
        return b;
    }

    public AospkgBuilder Directory(string path, uint uid = 0)
    {
        Entries.Add(new TestEntry(path, 1, 0x41ED) { Uid = uid, Gid = uid });
        return this;
    }

    public AospkgBuilder File(string path, byte[] data, uint mode = 0x81ED)
    {
        Entries.Add(new TestEntry(path, 0, mode) { Data = data, Uid = 1000, Gid = 1000, Mtime = 1_784_630_457 });
        return this;
    }

    public AospkgBuilder Symlink(string path, string target)
    {
        Entries.Add(new TestEntry(path, 2, 0xA1FF) { LinkTarget = target });
        return this;
    }

    public byte[] Build()
    {
        (byte[] mount, Dictionary<TestEntry, ulong> offsets) = Mount();
        return Assemble(ManifestChunk(), IndexChunk(offsets), mount);
    }

    public static byte[] Assemble(byte[] manifest, byte[] index, byte[] mount, ushort format = 1, ushort flags = 0)
    {
        byte[] header = new byte[16];
        header[0] = 0x89;
        "AOS"u8.CopyTo(header.AsSpan(1));
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), format);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), flags);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), (uint)manifest.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), (uint)index.Length);
        return [.. header, .. manifest, .. index, .. mount];
    }

    public byte[] ManifestChunk(ushort schema = 1)
    {
        var w = new BareWriter().U16(schema).Str(Name).Str(Version).U8(0).U8(0).Varint((ulong)Commands.Count);
        foreach ((string command, string entry) in Commands)
        {
            w.Str(command).Str(entry);
        }

        return w.Varint(0).U8(0).ToArray();
    }

    public byte[] IndexChunk(ushort schema = 1) => IndexChunk(Mount().Offsets, schema);

    public (byte[] Mount, Dictionary<TestEntry, ulong> Offsets) Mount()
    {
        var mount = new List<byte>();
        var offsets = new Dictionary<TestEntry, ulong>();
        foreach (TestEntry e in Entries.Where(e => e.Data is not null))
        {
            byte[] header = new byte[512];
            Encoding.ASCII.GetBytes("." + e.Path).CopyTo(header, 0);
            mount.AddRange(header);
            offsets[e] = (ulong)mount.Count;
            mount.AddRange(e.Data!);
            mount.AddRange(new byte[(512 - (e.Data!.Length % 512)) % 512]);
        }

        mount.AddRange(new byte[1024]);
        return ([.. mount], offsets);
    }

    private byte[] IndexChunk(Dictionary<TestEntry, ulong> offsets, ushort schema = 1)
    {
        IEnumerable<TestEntry> ordered = KeepOrder
            ? Entries
            : Entries.OrderBy(e => Encoding.UTF8.GetBytes(e.Path), Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b)));
        var w = new BareWriter().U16(schema).Varint((ulong)Entries.Count);
        foreach (TestEntry e in ordered)
        {
            w.Str(e.Path).Varint(e.Kind)
                .U64(e.OffsetOverride ?? offsets.GetValueOrDefault(e))
                .U64(e.SizeOverride ?? (ulong)(e.Data?.Length ?? 0))
                .U32(e.Mode).U32(e.Uid).U32(e.Gid).I64(e.Mtime);
            if (e.LinkTarget is null)
            {
                w.U8(0);
            }
            else
            {
                w.U8(1).Str(e.LinkTarget);
            }
        }

        return w.ToArray();
    }
}
