using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace AgentOs.Orleans.Tests;

/// <summary>VM grains on three silos: state between calls, streaming, re-activation, bad input.</summary>
public sealed class VmGrainTests(OpenClusterFixture fixture) : IClassFixture<OpenClusterFixture>
{
    private IGrainFactory Grains => fixture.Cluster.Client;

    [Fact]
    public async Task Files_persist_between_calls()
    {
        var vm = await Grains.CreateVmAsync("between-calls", new VmSettings { MaxProcesses = 32 });
        var first = await vm.ExecAsync("mkdir -p /workspace/d && echo hello > /workspace/d/a.txt && echo done");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal("done\n", first.StdoutText);

        var second = await vm.ExecAsync("cat /workspace/d/a.txt; exit 7");
        Assert.Equal(7, second.ExitCode);
        Assert.Equal("hello\n", second.StdoutText);

        await vm.WriteFileAsync("/workspace/e/b.bin", [1, 2, 3]);
        Assert.Equal([1, 2, 3], await vm.ReadFileAsync("/workspace/e/b.bin"));
        var entries = await vm.ListAsync("/workspace");
        Assert.Contains(entries, e => e is { Name: "d", IsDirectory: true });
        Assert.Contains(entries, e => e is { Name: "e", IsDirectory: true });
        Assert.False(await vm.CreateAsync(new VmSettings()));
    }

    [Fact]
    public async Task Exec_streams_output_and_exit_status()
    {
        var vm = Grains.GetVm("streaming");
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var exit = -1;
        await foreach (var chunk in vm.ExecStreamAsync("echo out; echo err >&2; exit 3"))
        {
            switch (chunk.Kind)
            {
                case VmOutputKind.Stdout: stdout.Append(Encoding.UTF8.GetString(chunk.Data)); break;
                case VmOutputKind.Stderr: stderr.Append(Encoding.UTF8.GetString(chunk.Data)); break;
                default: exit = chunk.ExitCode; break;
            }
        }

        Assert.Equal("out\n", stdout.ToString());
        Assert.Equal("err\n", stderr.ToString());
        Assert.Equal(3, exit);
    }

    [Fact]
    public async Task A_cancelled_exec_kills_the_command_and_the_vm_takes_the_next_one()
    {
        var vm = await Grains.CreateVmAsync("cancel-exec", new VmSettings());
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        // A deadline well under the sleep: only a kill ends the call in time.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => vm.ExecAsync("sleep 100", null, cancel.Token).WaitAsync(TimeSpan.FromSeconds(60)));
        await Retry.WaitUntilAsync(async () => (await vm.GetStatusAsync()).Usage.Processes == 0, "the sleep is killed");
        Assert.Equal("next\n", (await vm.ExecAsync("echo next")).StdoutText);
    }

    [Fact]
    public async Task A_cancelled_stream_interrupts_the_command_and_the_vm_takes_the_next_one()
    {
        var vm = await Grains.CreateVmAsync("cancel-stream", new VmSettings());
        using var cancel = new CancellationTokenSource();
        var output = new StringBuilder();
        async Task ReadUntilCancelledAsync()
        {
            await foreach (var chunk in vm.ExecStreamAsync("echo started; sleep 100", null, cancel.Token))
            {
                output.Append(Encoding.UTF8.GetString(chunk.Data));
                await cancel.CancelAsync();
            }
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadUntilCancelledAsync().WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal("started\n", output.ToString());
        await Retry.WaitUntilAsync(async () => (await vm.GetStatusAsync()).Usage.Processes == 0, "the sleep is killed");
        Assert.Equal("next\n", (await vm.ExecAsync("echo next")).StdoutText);
    }

    [Fact]
    public async Task File_errors_cross_the_wire_with_their_errno()
    {
        var vm = Grains.GetVm("file-errors");
        var error = await Assert.ThrowsAsync<VmFileSystemException>(() => vm.ReadFileAsync("/workspace/missing"));
        Assert.Equal(AgentOs.Kernel.Errno.ENOENT, error.Errno);
        Assert.Equal(new AgentOsFileSystemException(AgentOs.Kernel.Errno.ENOENT, "open", "/workspace/missing").Message, error.ToAgentOsException().Message);
        Assert.Equal(AgentOs.Kernel.Errno.ENOENT, (await Assert.ThrowsAsync<VmFileSystemException>(() => vm.StatAsync("/nowhere"))).Errno);
    }

    [Fact]
    public async Task A_deleted_vm_loses_its_state_and_comes_back_empty()
    {
        var vm = Grains.GetVm("deleted");
        await vm.WriteFileAsync("/workspace/f", [1]);
        await vm.DeleteAsync();
        Assert.DoesNotContain(SharedGrainStorage.Entries.Keys, key => key.EndsWith("/deleted", StringComparison.Ordinal));
        Assert.Empty(await vm.ListAsync("/workspace"));
    }

    [Fact]
    public async Task Deactivated_vm_is_restored_from_storage()
    {
        var vm = Grains.GetVm("restored");
        await vm.ExecAsync("echo kept > /workspace/k.txt && ln -s k.txt /workspace/link && chmod 600 /workspace/k.txt");
        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var result = await vm.ExecAsync("cat /workspace/link; stat -c %a /workspace/k.txt");
        Assert.Equal("kept\n600\n", result.StdoutText);
    }

    [Fact]
    public async Task Killed_silo_reactivates_vm_elsewhere_with_files_intact()
    {
        var cluster = fixture.Cluster;
        VmStatus? victim = null;
        for (var i = 0; victim is null; i++)
        {
            var vm = await Grains.CreateVmAsync($"failover-{i}", new VmSettings());
            await vm.ExecAsync("echo survived > /workspace/f.txt");
            var status = await vm.GetStatusAsync();
            if (status.Silo != cluster.Primary!.SiloAddress.Endpoint.ToString())
            {
                victim = status;
            }
        }

        var silo = cluster.Silos.Single(s => s.SiloAddress.Endpoint.ToString() == victim!.Silo);
        await cluster.KillSiloAsync(silo);

        var grain = Grains.GetVm(victim.Name);
        var result = await Retry.UntilAsync(() => grain.ExecAsync("cat /workspace/f.txt"));
        Assert.Equal("survived\n", result.StdoutText);
        var moved = await grain.GetStatusAsync();
        Assert.NotEqual(victim.Silo, moved.Silo);
    }

    [Fact]
    public async Task State_that_fails_to_load_fails_the_call_naming_the_vm_and_is_kept()
    {
        var vm = Grains.GetVm("corrupt");
        await vm.ExecAsync("echo x > /workspace/x");
        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var serializer = fixture.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
        var key = SharedGrainStorage.KeyOfVm("corrupt");
        var state = serializer.Deserialize<VmGrainState>(SharedGrainStorage.Entries[key]);
        state!.Snapshot = [1, 2, 3, 4, 5];
        var corrupt = serializer.SerializeToArray(state);
        SharedGrainStorage.Entries[key] = corrupt;

        var error = await Assert.ThrowsAnyAsync<Exception>(() => vm.ExecAsync("true"));
        Assert.Contains("\"corrupt\"", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<Exception>(() => vm.ExecAsync("true"));
        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(corrupt, SharedGrainStorage.Entries[key]);
    }

    [Fact]
    public async Task An_entry_the_storage_cannot_read_fails_the_call_naming_the_vm_and_is_kept()
    {
        var vm = Grains.GetVm("unreadable");
        await vm.ExecAsync("echo x > /workspace/x");
        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var key = SharedGrainStorage.KeyOfVm("unreadable");
        byte[] garbage = [0xff, 0xfe, 0xfd];
        SharedGrainStorage.Entries[key] = garbage;

        var error = await Assert.ThrowsAsync<VmStateException>(() => vm.ExecAsync("true"));
        Assert.StartsWith("VM \"unreadable\": its saved state could not be read", error.Message, StringComparison.Ordinal);
        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(garbage, SharedGrainStorage.Entries[key]);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("")]
    public void Bad_names_are_refused(string name) =>
        Assert.Throws<ArgumentException>(() => Grains.GetVm(name));

    [Fact]
    public void A_name_of_1000_characters_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Grains.GetVm(new string('a', 1000)));
        Assert.Contains("128", error.Message, StringComparison.Ordinal);
    }
}
