using System.Text;
using AgentOs.Sidecar;
using StreamJsonRpc;

namespace AgentOs.Cli.Tests.Sidecar;

public sealed class SidecarStateTests
{
    [Fact]
    public async Task AVmStateTravelsInChunksAndMakesANewVm()
    {
        await using var client = SidecarHost.Client();
        var source = await client.CreateVmAsync(new { vmId = "saved", limits = new { resources = new { maxProcesses = 30 } } });
        await client.ExecAsync(source, "head -c 3000000 /dev/urandom > /workspace/big && sha256sum /workspace/big > /workspace/sum && ln -s sum /workspace/link");
        var state = await client.SaveStateAsync(source);
        Assert.True(state.Length > 3_000_000);
        await client.DisposeVmAsync(source);

        var id = await client.UploadStateAsync(state);
        var loaded = await client.CreateVmAsync(new { state = id });
        Assert.Equal("saved", loaded);
        var result = await client.ExecAsync(loaded, "cd /workspace && sha256sum -c sum && readlink link");
        Assert.Equal("/workspace/big: OK\nsum\n", Encoding.UTF8.GetString(result.Stdout));

        // vm.create used the upload up.
        var error = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() => client.CreateVmAsync(new { state = id }));
        Assert.Equal(SidecarErrorCodes.InvalidParams, (int)error.ErrorCode);
    }

    [Fact]
    public async Task ACorruptStateIsInvalidParamsAndATooLargeOneNamesTheLimit()
    {
        await using var client = SidecarHost.Client();
        var source = await client.CreateVmAsync();
        await client.ExecAsync(source, "head -c 3000000 /dev/zero > /workspace/big");
        var state = await client.SaveStateAsync(source);

        var corrupt = (byte[])state.Clone();
        corrupt[corrupt.Length / 2] ^= 1;
        var invalid = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(async () => await client.CreateVmAsync(new { state = await client.UploadStateAsync(corrupt) }));
        Assert.Equal(SidecarErrorCodes.InvalidParams, (int)invalid.ErrorCode);

        var tooLarge = await Assert.ThrowsAsync<RemoteInvocationException>(async () =>
            await client.CreateVmAsync(new { state = await client.UploadStateAsync(state), limits = new { resources = new { maxFilesystemBytes = 2 << 20 } } }));
        Assert.Equal(SidecarErrorCodes.LimitExceeded, (int)tooLarge.ErrorCode);
        Assert.Contains("limits.resources.maxFilesystemBytes", tooLarge.Message);
    }
}
