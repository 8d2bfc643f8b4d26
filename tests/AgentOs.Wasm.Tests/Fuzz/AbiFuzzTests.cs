namespace AgentOs.Wasm.Tests.Fuzz;

/// <summary>
/// The short ABI fuzzing campaign every CI run makes (a few seconds); long campaigns with millions of calls run with
/// <c>dotnet run -c Release --project bench/AgentOs.Benchmarks -- fuzz</c>. A finding names its seed: reproduce it
/// with <c>-- fuzz --seed N --programs 1</c>.
/// </summary>
public sealed class AbiFuzzTests
{
    private static readonly Lazy<WasmRuntime> Runtime = new(() => new WasmRuntime(Path.Combine(Path.GetTempPath(), "agentos-fuzz-tests-" + Environment.ProcessId)));

    [Fact]
    public void EveryInventoryFunctionButProcExitIsATarget()
    {
        var wat = AbiFuzzProgram.Generate(seed: 1, calls: 10);

        Assert.Equal(Abi.AbiInventory.Functions.Count - 1, AbiFuzzProgram.Targets.Count);
        Assert.DoesNotContain(AbiFuzzProgram.Targets, f => f.Name == "proc_exit");
        Assert.Equal(AbiFuzzProgram.Targets.Count, wat.Split("(import ").Length - 1);
        Assert.Equal(wat, AbiFuzzProgram.Generate(seed: 1, calls: 10)); // reproducible from the seed
        Assert.NotEqual(wat, AbiFuzzProgram.Generate(seed: 2, calls: 10));
    }

    [Fact]
    public async Task HostileCallsCauseNoInternalErrorHangOrLeak()
    {
        var campaign = new AbiFuzzCampaign(Runtime.Value, deadline: TimeSpan.FromMilliseconds(500));
        var seed = Environment.GetEnvironmentVariable("AGENTOS_FUZZ_SEED") is { } s ? int.Parse(s) : DateTime.UtcNow.DayOfYear * 1000;

        for (var i = 0; i < 24; i++)
        {
            await campaign.RunAsync(seed + i, calls: 300);
        }

        Assert.True(campaign.Findings.Count == 0, string.Join("\n", campaign.Findings));
        Assert.Equal(24, campaign.Programs);
    }
}
