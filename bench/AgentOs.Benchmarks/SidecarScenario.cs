using System.Diagnostics;
using AgentOs.Kernel.Limits;
using AgentOs.Sidecar;

using static AgentOs.Benchmarks.ScenarioTiming;

namespace AgentOs.Benchmarks;

/// <summary>
/// Round-trip latency of <c>process.exec("echo hello")</c> through a real <c>agentos sidecar</c> child process versus
/// <see cref="AgentOsVm.ExecAsync"/> in process. Uses the CLI assembly from <c>$AGENTOS_CLI_DLL</c>, else the built
/// src/AgentOs.Cli (building it in Release when absent).
/// </summary>
internal static class SidecarScenario
{
    private const int Runs = 300;

    public static async Task RunAsync()
    {
        Console.WriteLine("AgentOs sidecar round trip (Release, " + Environment.ProcessorCount + " cores)");
        var limits = new LimitsOptions { Resources = new ResourceLimits { MaxFilesystemBytes = 64L << 20 } };
        await using (var vm = await AgentOsVm.CreateAsync(new AgentOsOptions { Limits = limits }))
        {
            for (var i = 0; i < 20; i++)
            {
                await vm.ExecAsync("echo hello");
            }

            Report("in-process ExecAsync(\"echo hello\")", await TimeAsync(Runs, () => vm.ExecAsync("echo hello")));
        }

        await using var client = SidecarClient.Start(SidecarStartInfo.ForCliAssembly(await LocateCliAsync()));
        var vmId = await client.CreateVmAsync(new { limits = new { resources = new { maxFilesystemBytes = 64L << 20 } } });
        for (var i = 0; i < 20; i++)
        {
            await client.ExecAsync(vmId, "echo hello");
        }

        Report("sidecar process.exec(\"echo hello\")", await TimeAsync(Runs, () => client.ExecAsync(vmId, "echo hello")));
        Report("sidecar limits.usage (protocol only)", await TimeAsync(Runs, () => client.LimitUsageAsync(vmId)));
    }

    private static async Task<string> LocateCliAsync()
    {
        if (Environment.GetEnvironmentVariable("AGENTOS_CLI_DLL") is { Length: > 0 } configured)
        {
            return configured;
        }

        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "AgentOs.slnx")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException("set AGENTOS_CLI_DLL to the path of AgentOs.Cli.dll");
        }

        var project = Path.Combine(root.FullName, "src", "AgentOs.Cli");
        var dll = Path.Combine(project, "bin", "Release", "net10.0", "AgentOs.Cli.dll");
        using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", "-c", "Release", "--nologo", "-v", "q", project]))
            ?? throw new InvalidOperationException("could not run dotnet build");
        await build.WaitForExitAsync();
        return build.ExitCode == 0 && File.Exists(dll) ? dll : throw new InvalidOperationException($"building {project} failed");
    }
}
