using System.Buffers.Binary;
using System.Text;
using AgentOs.Kernel.Packages;

namespace AgentOs.Kernel.Tests.Packages;

public sealed class AospkgReaderTests
{
    private static (Errno Errno, AospkgPackage? Package, string Error) Open(byte[] bytes)
    {
        Errno errno = AospkgReader.Open(new MemoryPackageSource(bytes), out AospkgPackage? package, out string error);
        return (errno, package, error);
    }

    private static string Rejected(byte[] bytes, Errno expected = Errno.EINVAL)
    {
        (Errno errno, AospkgPackage? package, string error) = Open(bytes);
        Assert.Equal(expected, errno);
        Assert.Null(package);
        Assert.False(string.IsNullOrWhiteSpace(error));
        return error;
    }

    private static byte[] Read(AospkgPackage package, PackageEntry entry)
    {
        byte[] buffer = new byte[entry.Size + 10];
        Assert.Equal(Errno.Success, package.ReadFile(entry, 0, buffer, out int read));
        return buffer[..read];
    }

    [Fact]
    public void BuiltPackageRoundTripsManifestIndexAndFileBytes()
    {
        (Errno errno, AospkgPackage? package, string error) = Open(AospkgBuilder.Sample().Build());

        Assert.True(errno == Errno.Success, error);
        Assert.NotNull(package);
        Assert.Equal("demo", package.Name);
        Assert.Equal("1.2.3", package.Version);
        Assert.Equal(["/", "/bin", "/bin/empty", "/bin/hello", "/bin/hi", "/share", "/share/readme.txt"], package.Entries.Select(e => e.Path));
        Assert.Equal([("hello", "/bin/hello"), ("hi", "/bin/hi")], package.Commands.Select(c => (c.Name, c.EntryPath)));

        Assert.True(package.TryGetCommand("hello", out PackageEntry? hello));
        Assert.Equal(PackageEntryKind.File, hello.Kind);
        Assert.Equal(0x81EDu, hello.Mode);
        Assert.Equal(1000u, hello.Uid);
        Assert.Equal(1_784_630_457, hello.MtimeSeconds);
        Assert.Equal("\0asm-hello"u8.ToArray(), Read(package, hello));

        Assert.True(package.TryGetEntry("/bin/hi", out PackageEntry? hi));
        Assert.Equal(PackageEntryKind.Symlink, hi.Kind);
        Assert.Equal("hello", hi.LinkTarget);
        Assert.True(package.TryGetEntry("/share/readme.txt", out PackageEntry? readme));
        Assert.Equal(new string('x', 1300), Encoding.UTF8.GetString(Read(package, readme)));
        Assert.True(package.TryGetEntry("/bin/empty", out PackageEntry? empty));
        Assert.Empty(Read(package, empty));
        Assert.Equal(3, package.IndexOf("/bin/hello"));
        Assert.False(package.TryGetEntry("/bin/missing", out _));
    }

    [Fact]
    public void ReadFileHonoursOffsetAndEndAndRejectsNonFiles()
    {
        AospkgPackage package = Open(AospkgBuilder.Sample().Build()).Package!;
        Assert.True(package.TryGetEntry("/bin/hello", out PackageEntry? hello));

        byte[] buffer = new byte[3];
        Assert.Equal(Errno.Success, package.ReadFile(hello, 4, buffer, out int read));
        Assert.Equal("-he", Encoding.ASCII.GetString(buffer, 0, read));
        Assert.Equal(Errno.Success, package.ReadFile(hello, 8, buffer, out read));
        Assert.Equal("lo", Encoding.ASCII.GetString(buffer, 0, read));
        Assert.Equal(Errno.Success, package.ReadFile(hello, 100, buffer, out read));
        Assert.Equal(0, read);
        Assert.Equal(Errno.EINVAL, package.ReadFile(hello, -1, buffer, out _));
        Assert.Equal(Errno.EISDIR, package.ReadFile(package.Entries[0], 0, buffer, out _));
        Assert.True(package.TryGetEntry("/bin/hi", out PackageEntry? link));
        Assert.Equal(Errno.EINVAL, package.ReadFile(link, 0, buffer, out _));
    }

    [Fact]
    public void BadMagicIsRejected()
    {
        byte[] bytes = AospkgBuilder.Sample().Build();
        bytes[1] = (byte)'X';
        Assert.Contains("magic", Rejected(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedFormatVersionIsRejected()
    {
        var b = AospkgBuilder.Sample();
        byte[] bytes = AospkgBuilder.Assemble(b.ManifestChunk(), b.IndexChunk(), b.Mount().Mount, format: 2);
        Assert.Contains("format version 2", Rejected(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void NonZeroFlagsAreRejected()
    {
        var b = AospkgBuilder.Sample();
        byte[] bytes = AospkgBuilder.Assemble(b.ManifestChunk(), b.IndexChunk(), b.Mount().Mount, flags: 1);
        Assert.Contains("flags", Rejected(bytes), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(15)]
    public void TruncatedHeaderIsRejected(int length)
    {
        byte[] bytes = AospkgBuilder.Sample().Build()[..length];
        Assert.Contains("truncated header", Rejected(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void FileTruncatedInsideTheChunksIsRejected()
    {
        var b = AospkgBuilder.Sample();
        byte[] manifest = b.ManifestChunk();
        byte[] bytes = b.Build()[..(16 + manifest.Length + 5)];
        Assert.Contains("truncated file", Rejected(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedMountChunkIsRejectedAsFileRangeOutside()
    {
        byte[] bytes = AospkgBuilder.Sample().Build();
        // Cut through the data of the last file (the mount chunk ends with 1024 zero bytes, then readme's padding).
        string error = Rejected(bytes[..(bytes.Length - 1024 - 500)], Errno.EIO);
        Assert.Contains("outside", error, StringComparison.Ordinal);
    }

    [Fact]
    public void OverflowingChunkLengthsAreRejected()
    {
        byte[] bytes = AospkgBuilder.Sample().Build();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), uint.MaxValue);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), uint.MaxValue);
        Assert.Contains("truncated file", Rejected(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedChunkSchemaVersionsAreRejected()
    {
        var b = AospkgBuilder.Sample();
        byte[] mount = b.Mount().Mount;
        Assert.Contains("manifest schema version 7", Rejected(AospkgBuilder.Assemble(b.ManifestChunk(7), b.IndexChunk(), mount)), StringComparison.Ordinal);
        Assert.Contains("index schema version 0", Rejected(AospkgBuilder.Assemble(b.ManifestChunk(), b.IndexChunk(0), mount)), StringComparison.Ordinal);
    }

    [Fact]
    public void TrailingBytesInAChunkAreRejected()
    {
        var b = AospkgBuilder.Sample();
        byte[] mount = b.Mount().Mount;
        string manifestError = Rejected(AospkgBuilder.Assemble([.. b.ManifestChunk(), 0], b.IndexChunk(), mount));
        Assert.Contains("manifest: 1 trailing bytes", manifestError, StringComparison.Ordinal);
        string indexError = Rejected(AospkgBuilder.Assemble(b.ManifestChunk(), [.. b.IndexChunk(), 9, 9], mount));
        Assert.Contains("index: 2 trailing bytes", indexError, StringComparison.Ordinal);
    }

    [Fact]
    public void ChunkEndingMidValueIsRejectedAsTruncated()
    {
        var b = AospkgBuilder.Sample();
        byte[] manifest = b.ManifestChunk();
        string error = Rejected(AospkgBuilder.Assemble(manifest[..^1], b.IndexChunk(), b.Mount().Mount));
        Assert.Contains("truncated", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsortedIndexIsRejected()
    {
        var b = AospkgBuilder.Sample();
        b.KeepOrder = true;
        Assert.Contains("not sorted", Rejected(b.Build()), StringComparison.Ordinal);
    }

    [Fact]
    public void ByteWiseOrderIsUsedNotUtf16Order()
    {
        // U+FF5E (EF BD 9E) sorts before U+1F600 (F0 9F 98 80) byte-wise but after it in UTF-16 ordinal order.
        var b = new AospkgBuilder().Directory("/").File("/\uFF5E", [1]).File("/\U0001F600", [2]);
        (Errno errno, AospkgPackage? package, string error) = Open(b.Build());
        Assert.True(errno == Errno.Success, error);
        Assert.Equal(["/", "/\uFF5E", "/\U0001F600"], package!.Entries.Select(e => e.Path));
    }

    [Fact]
    public void DuplicatePathIsRejected()
    {
        var b = AospkgBuilder.Sample().File("/bin/hello", [1, 2]);
        Assert.Contains("duplicate path", Rejected(b.Build()), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingParentIsRejected()
    {
        var b = new AospkgBuilder().Directory("/").File("/usr/bin/x", [1]);
        Assert.Contains("parent directory \"/usr/bin\" is missing", Rejected(b.Build()), StringComparison.Ordinal);
    }

    [Fact]
    public void ParentThatIsAFileIsRejected()
    {
        var b = new AospkgBuilder().Directory("/").File("/a", [1]).File("/a/b", [2]);
        Assert.Contains("parent directory \"/a\"", Rejected(b.Build()), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRootIsRejected()
    {
        var b = new AospkgBuilder().Directory("/bin");
        Assert.Contains("root directory", Rejected(b.Build()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/bin/")]
    [InlineData("/bin//x")]
    [InlineData("/bin/./x")]
    [InlineData("/bin/../x")]
    [InlineData("bin")]
    public void NonNormalizedPathIsRejected(string path)
    {
        var b = new AospkgBuilder().Directory("/").Directory("/bin").File(path, [1]);
        Assert.Contains("normalized", Rejected(b.Build()), StringComparison.Ordinal);
    }

    [Fact]
    public void FileRangeOutsideMountChunkIsRejected()
    {
        var b = AospkgBuilder.Sample();
        b.Entries[2] = b.Entries[2] with { SizeOverride = 1_000_000 };
        Assert.Contains("outside", Rejected(b.Build(), Errno.EIO), StringComparison.Ordinal);

        b.Entries[2] = b.Entries[2] with { SizeOverride = 1, OffsetOverride = ulong.MaxValue };
        Assert.Contains("outside", Rejected(b.Build(), Errno.EIO), StringComparison.Ordinal);
    }

    [Fact]
    public void SymlinkWithoutTargetIsRejected()
    {
        var b = new AospkgBuilder().Directory("/");
        b.Entries.Add(new TestEntry("/l", 2, 0xA1FF));
        Assert.Contains("symlink without a target", Rejected(b.Build()), StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKindModeMismatchAndNegativeMtimeAreRejected()
    {
        var unknown = new AospkgBuilder().Directory("/");
        unknown.Entries.Add(new TestEntry("/x", 3, 0x81A4));
        Assert.Contains("unknown entry kind 3", Rejected(unknown.Build()), StringComparison.Ordinal);

        var mismatch = new AospkgBuilder().Directory("/").File("/x", [1], mode: 0x41ED);
        Assert.Contains("does not match kind", Rejected(mismatch.Build()), StringComparison.Ordinal);

        var negative = new AospkgBuilder().Directory("/");
        negative.Entries.Add(new TestEntry("/d", 1, 0x41ED) { Mtime = -5 });
        Assert.Contains("negative mtime", Rejected(negative.Build()), StringComparison.Ordinal);
    }

    [Fact]
    public void BadVarintIsRejected()
    {
        var b = AospkgBuilder.Sample();
        byte[] tooLong = new BareWriter().U16(1).Raw([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]).ToArray();
        Assert.Contains("varint", Rejected(AospkgBuilder.Assemble(b.ManifestChunk(), tooLong, b.Mount().Mount)), StringComparison.Ordinal);

        byte[] overflow = new BareWriter().U16(1).Raw([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]).ToArray();
        Assert.Contains("overflows 64 bits", Rejected(AospkgBuilder.Assemble(b.ManifestChunk(), overflow, b.Mount().Mount)), StringComparison.Ordinal);

        byte[] unterminated = new BareWriter().U16(1).Raw([0x80, 0x80]).ToArray();
        Assert.Contains("truncated", Rejected(AospkgBuilder.Assemble(b.ManifestChunk(), unterminated, b.Mount().Mount)), StringComparison.Ordinal);
    }

    [Fact]
    public void HostileLengthsAreRejectedBeforeAllocating()
    {
        var b = AospkgBuilder.Sample();
        byte[] mount = b.Mount().Mount;
        byte[] hugeName = new BareWriter().U16(1).Varint(ulong.MaxValue >> 1).Raw([0x41]).ToArray();
        Assert.Contains("exceeds the", Rejected(AospkgBuilder.Assemble(hugeName, b.IndexChunk(), mount)), StringComparison.Ordinal);

        byte[] hugeCommands = new BareWriter().U16(1).Str("n").Str("v").U8(0).U8(0).Varint(1UL << 40).ToArray();
        Assert.Contains("manifest.commands", Rejected(AospkgBuilder.Assemble(hugeCommands, b.IndexChunk(), mount)), StringComparison.Ordinal);

        byte[] manyEntries = new BareWriter().U16(1).Varint(AospkgReader.MaxIndexEntries + 1).ToArray();
        Assert.Contains("invariant.tarFilesystemIndexEntries", Rejected(AospkgBuilder.Assemble(b.ManifestChunk(), manyEntries, mount), Errno.ENOMEM), StringComparison.Ordinal);

        byte[] entriesBeyondChunk = new BareWriter().U16(1).Varint(1000).Raw(new byte[100]).ToArray();
        Assert.Contains("does not fit", Rejected(AospkgBuilder.Assemble(b.ManifestChunk(), entriesBeyondChunk, mount)), StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8AndBadOptionalTagsAreRejected()
    {
        var b = AospkgBuilder.Sample();
        byte[] mount = b.Mount().Mount;
        byte[] badUtf8 = new BareWriter().U16(1).Varint(2).Raw([0xC3, 0x28]).ToArray();
        Assert.Contains("UTF-8", Rejected(AospkgBuilder.Assemble(badUtf8, b.IndexChunk(), mount)), StringComparison.Ordinal);

        byte[] badTag = new BareWriter().U16(1).Str("n").Str("v").U8(2).ToArray();
        Assert.Contains("optional tag", Rejected(AospkgBuilder.Assemble(badTag, b.IndexChunk(), mount)), StringComparison.Ordinal);
    }

    [Fact]
    public void CommandProblemsAreRejected()
    {
        var missing = AospkgBuilder.Sample();
        missing.Commands.Add(("ghost", "bin/ghost"));
        Assert.Contains("\"ghost\" targets", Rejected(missing.Build()), StringComparison.Ordinal);

        var twice = AospkgBuilder.Sample();
        twice.Commands.Add(("hello", "bin/hi"));
        Assert.Contains("listed twice", Rejected(twice.Build()), StringComparison.Ordinal);

        var slash = AospkgBuilder.Sample();
        slash.Commands.Add(("a/b", "bin/hi"));
        Assert.Contains("invalid command name", Rejected(slash.Build()), StringComparison.Ordinal);

        var absolute = AospkgBuilder.Sample();
        absolute.Commands.Add(("abs", "/bin/hi"));
        Assert.Contains("\"abs\" targets", Rejected(absolute.Build()), StringComparison.Ordinal);
    }

    [Fact]
    public void AgentAndProvidesBlocksAreDecoded()
    {
        var b = AospkgBuilder.Sample();
        byte[] manifest = new BareWriter().U16(1).Str("agent").Str("2.0.0")
            .U8(1).Str("/bin/hello").U8(1).Varint(1).Str("K").Str("V").Varint(2).Str("--a").Str("--b")
            .U8(1).Varint(0).Varint(1).Str("/share/readme.txt").Str("/etc/readme")
            .Varint(1).Str("hello").Str("bin/hello")
            .Varint(1).Str("1").Str("hello")
            .U8(1).Str("/dist/sdk-snapshot.js")
            .ToArray();
        (Errno errno, AospkgPackage? package, string error) = Open(AospkgBuilder.Assemble(manifest, b.IndexChunk(), b.Mount().Mount));
        Assert.True(errno == Errno.Success, error);
        Assert.Equal("agent", package!.Name);
        Assert.Equal(["hello"], package.Commands.Select(c => c.Name));
    }

    [Fact]
    public void RandomCorruptionNeverThrowsOrHangs()
    {
        byte[] valid = AospkgBuilder.Sample().Build();
        var random = new Random(20_240_601);
        int rejected = 0;
        for (int iteration = 0; iteration < 20_000; iteration++)
        {
            byte[] bytes = (byte[])valid.Clone();
            if (iteration % 5 == 0)
            {
                bytes = bytes[..random.Next(bytes.Length)];
            }

            int flips = 1 + random.Next(4);
            for (int f = 0; f < flips && bytes.Length > 0; f++)
            {
                // Bias towards header and chunks, where the interesting parsing happens.
                int limit = Math.Min(bytes.Length, random.Next(2) == 0 ? 16 + 200 : bytes.Length);
                bytes[random.Next(limit)] = (byte)random.Next(256);
            }

            Errno errno = AospkgReader.Open(new MemoryPackageSource(bytes), out AospkgPackage? package, out string error);
            if (errno != Errno.Success)
            {
                rejected++;
                Assert.Null(package);
                Assert.False(string.IsNullOrEmpty(error));
                continue;
            }

            // Whatever survived validation must be internally consistent and readable.
            foreach (PackageEntry entry in package!.Entries.Where(e => e.Kind == PackageEntryKind.File))
            {
                byte[] buffer = new byte[entry.Size];
                Assert.Equal(Errno.Success, package.ReadFile(entry, 0, buffer, out int read));
                Assert.Equal(entry.Size, read);
            }
        }

        Assert.True(rejected > 10_000, $"only {rejected} corruptions rejected");
    }
}
