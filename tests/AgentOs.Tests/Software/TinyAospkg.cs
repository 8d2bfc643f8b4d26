using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace AgentOs.Tests.Software;

/// <summary>Builds a minimal valid .aospkg ("/", "/bin", "/bin/hello" exported as "hello") and npm tarballs holding it.</summary>
internal static class TinyAospkg
{
    public static byte[] Build(string name, string version)
    {
        byte[] data = "\0asm\u0001\0\0\0"u8.ToArray();
        var mount = new List<byte>(new byte[512]);
        mount.AddRange(data);
        mount.AddRange(new byte[512 - data.Length + 1024]);

        var manifest = new List<byte> { 1, 0 };
        Str(manifest, name);
        Str(manifest, version);
        manifest.AddRange([0, 0, 1]);
        Str(manifest, "hello");
        Str(manifest, "bin/hello");
        manifest.AddRange([0, 0]);

        var index = new List<byte> { 1, 0, 3 };
        Entry(index, "/", 1, 0, 0, 0x41ED);
        Entry(index, "/bin", 1, 0, 0, 0x41ED);
        Entry(index, "/bin/hello", 0, 512, (ulong)data.Length, 0x81ED);

        byte[] header = new byte[16];
        header[0] = 0x89;
        "AOS"u8.CopyTo(header.AsSpan(1));
        header[4] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), (uint)manifest.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), (uint)index.Count);
        return [.. header, .. manifest, .. index, .. mount];
    }

    /// <summary>An npm tarball: package/package.json and, unless null, package/dist/package.aospkg.</summary>
    public static byte[] Tarball(byte[]? aospkg)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar))
        {
            Add(tar, "package/package.json", "{}"u8.ToArray());
            if (aospkg is not null)
            {
                Add(tar, "package/dist/package.aospkg", aospkg);
            }
        }

        return output.ToArray();
    }

    public static string Sri(byte[] bytes) => "sha512-" + Convert.ToBase64String(SHA512.HashData(bytes));

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static void Add(TarWriter tar, string name, byte[] content)
    {
        var entry = new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) };
        tar.WriteEntry(entry);
    }

    private static void Str(List<byte> to, string value)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(value);
        to.Add((byte)utf8.Length);
        to.AddRange(utf8);
    }

    private static void Entry(List<byte> to, string path, byte kind, ulong offset, ulong size, uint mode)
    {
        Str(to, path);
        to.Add(kind);
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, offset);
        to.AddRange(b.ToArray());
        BinaryPrimitives.WriteUInt64LittleEndian(b, size);
        to.AddRange(b.ToArray());
        BinaryPrimitives.WriteUInt32LittleEndian(b, mode);
        to.AddRange(b[..4].ToArray());
        to.AddRange(new byte[4 + 4 + 8 + 1]);
    }
}
