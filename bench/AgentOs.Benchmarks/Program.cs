using AgentOs.Benchmarks;
using BenchmarkDotNet.Running;

// `vm` runs the end-to-end scenario figures (real packages, real guests); anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "vm")
{
    await VmScenarios.RunAsync();
    return;
}

if (args.Length > 0 && args[0] == "sidecar")
{
    await SidecarScenario.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(VmScenarios).Assembly).Run(args);
