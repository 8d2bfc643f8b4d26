using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Tests.Fds;

/// <summary>A description that records when its last descriptor closes.</summary>
internal sealed class CountingDescription(OpenFlags flags = OpenFlags.ReadWrite) : FileDescription(flags)
{
    public int LastCloses { get; private set; }

    public override FileType FileType => FileType.CharacterDevice;

    public override Errno Stat(out StatInfo stat)
    {
        stat = default;
        return Errno.Success;
    }

    protected override void OnLastClose() => LastCloses++;
}
