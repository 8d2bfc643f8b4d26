using System.Text;
using AgentOs.Sidecar;
using StreamJsonRpc;

namespace AgentOs.Cli.Tests.Sidecar;

public sealed class SidecarMountTests
{
    [Fact]
    public async Task VmCreateMountsAHostDirectoryAndDisposeWritesItBack()
    {
        using var host = new TempDirectory();
        host.Write("in.txt", "from host\n");
        await using var client = SidecarHost.Client();
        var vmId = await client.CreateVmAsync(new { mounts = new[] { host.Path + ":/work" } });
        var result = await client.ExecAsync(vmId, "cat /work/in.txt; echo out > /work/out.txt");
        Assert.Equal("from host\n", Encoding.UTF8.GetString(result.Stdout));
        await client.DisposeVmAsync(vmId);
        Assert.Equal("out\n", File.ReadAllText(Path.Combine(host.Path, "out.txt")));
    }

    [Fact]
    public async Task BadMountsAreInvalidParams()
    {
        using var host = new TempDirectory();
        await using var client = SidecarHost.Client();
        foreach (var mount in new[] { "no-guest-path", host.Path + ":relative", host.Path + ":/proc", "/no/such/dir/" + Guid.NewGuid() + ":/m" })
        {
            // StreamJsonRpc surfaces -32602 (invalid params) as RemoteMethodNotFoundException.
            var error = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() => client.CreateVmAsync(new { mounts = new[] { mount } }));
            Assert.Equal(SidecarErrorCodes.InvalidParams, (int)error.ErrorCode);
            Assert.Contains("mounts", error.Message);
        }
    }
}
