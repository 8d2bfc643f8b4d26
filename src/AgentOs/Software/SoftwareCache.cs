using System.Text;

namespace AgentOs.Software;

/// <summary>
/// The content-addressed package cache: <c>packages/sha256-&lt;hex&gt;.aospkg</c> holds the bytes and
/// <c>packages/refs/&lt;name&gt;@&lt;version&gt;</c> names the digest. Files only appear by rename from a temporary file in
/// the same directory, so readers never see partial content; a ref is written only after its blob exists.
/// </summary>
internal sealed class SoftwareCache
{
    private const string TempPrefix = ".tmp-";

    // A ref is "sha256-" and 64 hex digits; a file filling this buffer is not one.
    private const int MaxRefBytes = 128;

    public SoftwareCache(string root)
    {
        Root = Path.GetFullPath(root);
        PackagesDirectory = Path.Combine(Root, "packages");
        RefsDirectory = Path.Combine(PackagesDirectory, "refs");
    }

    public string Root { get; }

    public string PackagesDirectory { get; }

    public string RefsDirectory { get; }

    /// <summary><c>$AGENTOS_CACHE_DIR</c>, else <c>~/.cache/agentos</c>.</summary>
    public static string DefaultRoot(Func<string, string?> environment)
    {
        string? configured = environment("AGENTOS_CACHE_DIR");
        return !string.IsNullOrWhiteSpace(configured)
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "agentos");
    }

    public string BlobPath(string sha256) => Path.Combine(PackagesDirectory, $"sha256-{sha256}.aospkg");

    /// <summary>The digest recorded for name@version when both the ref and its blob exist.</summary>
    public bool TryGetRef(string name, string version, out string sha256)
    {
        sha256 = string.Empty;
        string refPath = Path.Combine(RefsDirectory, $"{name}@{version}");
        if (!File.Exists(refPath))
        {
            return false;
        }

        // Read as bytes: a ref is one short ASCII line, and the text reader's first use costs a CLI's start-up ms.
        Span<byte> buffer = stackalloc byte[MaxRefBytes];
        int length;
        using (var handle = File.OpenHandle(refPath))
        {
            length = RandomAccess.Read(handle, buffer, 0);
        }

        var content = buffer[..length].Trim(" \t\r\n"u8);
        if (length == MaxRefBytes || !content.StartsWith("sha256-"u8))
        {
            return false;
        }

        var sha = Encoding.ASCII.GetString(content[7..]);
        if (!File.Exists(BlobPath(sha)))
        {
            return false;
        }

        sha256 = sha;
        return true;
    }

    /// <summary>A new temporary file path inside the packages directory (same file system as the final blob).</summary>
    public string NewTempPath(string extension)
    {
        Directory.CreateDirectory(PackagesDirectory);
        return Path.Combine(PackagesDirectory, $"{TempPrefix}{Guid.NewGuid():N}{extension}");
    }

    /// <summary>Moves a finished temp file to its content address (replacing an identical concurrent copy).</summary>
    public string CommitBlob(string tempPath, string sha256)
    {
        string final = BlobPath(sha256);
        File.Move(tempPath, final, overwrite: true);
        return final;
    }

    public void WriteRef(string name, string version, string sha256)
    {
        Directory.CreateDirectory(RefsDirectory);
        string temp = Path.Combine(RefsDirectory, $"{TempPrefix}{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(temp, $"sha256-{sha256}\n");
            File.Move(temp, Path.Combine(RefsDirectory, $"{name}@{version}"), overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
