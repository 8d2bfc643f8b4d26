using System.Diagnostics;
using System.Globalization;
using AgentOs.Kernel.Limits;
using AgentOs.Sidecar;

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

            Report("in-process ExecAsync(\"echo hello\")", await TimeAsync(() => vm.ExecAsync("echo hello")));
        }

        await using var client = SidecarClient.Start(SidecarStartInfo.ForCliAssembly(await LocateCliAsync()));
        var vmId = await client.CreateVmAsync(new { limits = new { resources = new { maxFilesystemBytes = 64L << 20 } } });
        for (var i = 0; i < 20; i++)
        {
            await client.ExecAsync(vmId, "echo hello");
        }

        Report("sidecar process.exec(\"echo hello\")", await TimeAsync(() => client.ExecAsync(vmId, "echo hello")));
        Report("sidecar limits.usage (protocol only)", await TimeAsync(() => client.LimitUsageAsync(vmId)));
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

    private static async Task<double[]> TimeAsync(Func<Task> action)
    {
        var samples = new double[Runs];
        for (var i = 0; i < Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            samples[i] = watch.Elapsed.TotalMilliseconds;
        }

        return samples;
    }

    private static void Report(string name, double[] samples)
    {
        Array.Sort(samples);
        var median = samples[samples.Length / 2];
        var p99 = samples[Math.Min(samples.Length - 1, (int)Math.Ceiling(samples.Length * 0.99) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-45} median {median,8:F2} ms   p99 {p99,8:F2} ms   (n={samples.Length})"));
    }
}
