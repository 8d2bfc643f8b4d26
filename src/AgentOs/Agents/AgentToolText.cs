using System.Text;
using AgentOs.Kernel.Fds;

namespace AgentOs.Agents;

/// <summary>
/// What the agent connectors (the MCP server and the Microsoft.Extensions.AI functions) say about a VM the same way:
/// file contents as text, file types by name, and the commands on the VM's PATH.
/// </summary>
internal static class AgentToolText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Strict UTF-8; a cut at the cap may split the last character, so up to 3 trailing bytes may be dropped.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, bool truncated, out string text)
    {
        for (int drop = 0; drop <= (truncated ? Math.Min(3, bytes.Length) : 0); drop++)
        {
            try
            {
                text = StrictUtf8.GetString(bytes[..^drop]);
                return true;
            }
            catch (DecoderFallbackException)
            {
                // Try one byte shorter (truncated content only).
            }
        }

        text = string.Empty;
        return false;
    }

    /// <summary>The name an agent sees for a file type.</summary>
    public static string TypeName(FileType type) => type switch
    {
        FileType.RegularFile => "file",
        FileType.Directory => "directory",
        FileType.SymbolicLink => "symlink",
        FileType.CharacterDevice => "chardev",
        FileType.BlockDevice => "blockdev",
        FileType.Fifo => "fifo",
        FileType.SocketStream or FileType.SocketDatagram => "socket",
        _ => "unknown",
    };

    /// <summary>Every program name on the VM's PATH, sorted (a missing PATH entry contributes nothing, as for a shell).</summary>
    public static SortedSet<string> Commands(AgentOsVm vm)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        string path = vm.Environment.TryGetValue("PATH", out string? value) ? value : "/bin";
        foreach (string directory in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                foreach (FileSystemEntry entry in vm.RootFileSystem.ReadDirectory(directory))
                {
                    names.Add(entry.Name);
                }
            }
            catch (AgentOsFileSystemException)
            {
                // Not a directory of this VM.
            }
        }

        return names;
    }
}
