using AgentOs.Benchmarks;
using BenchmarkDotNet.Running;

// Scenario figures (real packages, real guests, Stopwatch-timed): `vm`, `net`, `sidecar`, `workspace`, `limits [waiting [N]]`,
// `fuzz [--seed N] [--programs N] [--calls N] [--deadline-ms N] [--only NAME]`. Anything else goes to
// BenchmarkDotNet (e.g. `--filter '*Pipe*' --job short`).
switch (args.FirstOrDefault())
{
    case "vm":
        await VmScenarios.RunAsync();
        return;
    case "net":
        NetScenario.Run();
        return;
    case "sidecar":
        await SidecarScenario.RunAsync();
        return;
    case "limits":
        await LimitScenarios.RunAsync(args);
        return;
    case "workspace":
        await WorkspaceScenario.RunAsync();
        return;
    case "fuzz":
        Environment.Exit(await FuzzScenario.RunAsync(args));
        return;
}

BenchmarkSwitcher.FromAssembly(typeof(VmScenarios).Assembly).Run(args);
