using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Tests.Processes;

/// <summary>A minimal description that records when its last descriptor is closed.</summary>
internal sealed class TestDescription() : FileDescription(OpenFlags.ReadWrite)
{
    public int LastCloses { get; private set; }

    public override FileType FileType => FileType.Fifo;

    public override Errno Stat(out StatInfo stat)
    {
        stat = default;
        return Errno.Success;
    }

    protected override void OnLastClose() => LastCloses++;
}
