using AgentOs.Benchmarks;
using BenchmarkDotNet.Running;

// Scenario figures (real packages, real guests, Stopwatch-timed): `vm`, `net`, `sidecar`, `workspace`, `grep`, `state`,
// `limits [waiting [N]]`, `startup [runs] [-- command…]` (a fresh process's start-up by phase, then the whole CLI
// command), `cluster URL`,
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
    case "startup":
        await StartupScenario.RunAsync(args);
        return;
    case "startup-child":
        await StartupScenario.ChildAsync();
        return;
    case "workspace":
        await WorkspaceScenario.RunAsync();
        return;
    case "grep":
        await GrepScenario.RunAsync();
        return;
    case "state":
        await StateScenario.RunAsync();
        return;
    case "cluster":
        await ClusterScenario.RunAsync(args);
        return;
    case "fuzz":
        Environment.Exit(await FuzzScenario.RunAsync(args));
        return;
}

BenchmarkSwitcher.FromAssembly(typeof(VmScenarios).Assembly).Run(args);
