using System.Formats.Tar;
using System.Text;
using AgentOs.Sidecar;
using StreamJsonRpc;

namespace AgentOs.Cli.Tests.Sidecar;

public sealed class SidecarTarTests
{
    [Fact]
    public async Task ATreeTravelsBetweenVmsAsATarInChunks()
    {
        await using var client = SidecarHost.Client();
        var source = await client.CreateVmAsync();
        await client.ExecAsync(source, "mkdir -p /workspace/p/d && echo data > /workspace/p/d/f && ln -s d/f /workspace/p/link");
        await client.ExportTarAsync(source, "/workspace/p", "/tmp/p.tgz", gzip: true);
        var archive = await client.ReadFileAsync(source, "/tmp/p.tgz");

        var target = await client.CreateVmAsync();
        await client.WriteFileAsync(target, "/tmp/p.tgz", archive);
        await client.ImportTarAsync(target, "/tmp/p.tgz", "/workspace/q", gzip: true);
        var result = await client.ExecAsync(target, "cat /workspace/q/link; readlink /workspace/q/link");
        Assert.Equal("data\nd/f\n", Encoding.UTF8.GetString(result.Stdout));
    }

    [Fact]
    public async Task AHostileArchiveIsInvalidParamsAndLeavesNothing()
    {
        await using var client = SidecarHost.Client();
        var vmId = await client.CreateVmAsync();
        var archive = new MemoryStream();
        using (var writer = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "../../etc/evil") { DataStream = new MemoryStream("x"u8.ToArray()) });
        }

        await client.WriteFileAsync(vmId, "/tmp/evil.tar", archive.ToArray());
        var error = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() => client.ImportTarAsync(vmId, "/tmp/evil.tar", "/workspace/t"));
        Assert.Equal(SidecarErrorCodes.InvalidParams, (int)error.ErrorCode);
        var listing = await client.ExecAsync(vmId, "ls /workspace; ls /etc/evil");
        Assert.Equal(string.Empty, Encoding.UTF8.GetString(listing.Stdout));
    }
}
