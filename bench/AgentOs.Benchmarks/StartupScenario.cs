using System.Diagnostics;
using System.Globalization;
using AgentOs.Software;
using static AgentOs.Benchmarks.ScenarioTiming;

namespace AgentOs.Benchmarks;

/// <summary>
/// <c>startup [runs] [-- command…]</c>: where a cold process's time to its first guest goes. Each run is a fresh
/// process (<c>startup-child</c>) that times, in order: the .NET runtime until <c>Main</c>, checking the options,
/// resolving the default software from the warm cache, setting up the Wasmtime engine, defining the ABI linker, the
/// minimal guest's spawn and exit the CLI rehearses on its second core (the native-call stubs a first spawn needs), creating the
/// VM, loading the compiled <c>sh</c> module (first exec minus second) and the guest itself (second exec). Then it
/// times the whole command given after <c>--</c> (default: the installed <c>agentos exec true</c>, else the built
/// CLI), the figure the CLI's start-up target is about.
/// </summary>
internal static class StartupScenario
{
    private static readonly string[] Phases = ["runtime", "options", "software resolve", "engine", "abi linker", "spawn rehearsal", "vm create", "module load (sh)", "guest (sh -c true)"];

    public static async Task RunAsync(string[] args)
    {
        var separator = Array.IndexOf(args, "--");
        var runs = args.Length > 1 && separator != 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var command = separator >= 0 ? args[(separator + 1)..] : DefaultCommand();

        // Warm the disk caches (software, compiled modules, the OS page cache) once.
        await RunChildAsync();
        var samples = Phases.ToDictionary(p => p, _ => new double[runs]);
        for (var i = 0; i < runs; i++)
        {
            var figures = await RunChildAsync();
            foreach (var phase in Phases)
            {
                samples[phase][i] = figures[phase];
            }
        }

        foreach (var phase in Phases)
        {
            Report($"startup: {phase}", samples[phase]);
        }

        Report("startup: sum of phases", [.. Enumerable.Range(0, runs).Select(i => Phases.Sum(p => samples[p][i]))]);
        await TimeProcessAsync(command);
        Report($"startup: {string.Join(' ', command.Select(Path.GetFileName))}", await TimeAsync(runs, () => TimeProcessAsync(command)));
    }

    /// <summary>The child: one line per phase, "phase=milliseconds".</summary>
    public static async Task ChildAsync()
    {
        var main = DateTime.Now;
        var runtime = (main - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"runtime={runtime}"));

        var watch = Stopwatch.StartNew();
        var options = new AgentOsOptions();
        ResolvedOptions.From(options);
        Phase("options", watch);

        using (var resolver = new SoftwareResolver())
        {
            var software = await resolver.ResolveAsync(options.SoftwareToResolve(), null, CancellationToken.None);
            foreach (var package in software)
            {
                PackageLibrary.Open(package);
            }
        }

        Phase("software resolve", watch);

        var runtimeWasm = SharedWasmRuntime.Get(null, null);
        var engine = runtimeWasm.Engines.Get(Kernel.Limits.EffectiveLimits.Default.MaxWasmStackBytes);
        Phase("engine", watch);
        runtimeWasm.LinkerFor(engine);
        Phase("abi linker", watch);
        runtimeWasm.RehearseSpawn(engine.MaxWasmStackBytes);
        Phase("spawn rehearsal", watch);

        await using var vm = await AgentOsVm.CreateAsync(options);
        Phase("vm create", watch);

        await vm.ExecAsync("true");
        var first = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        await vm.ExecAsync("true");
        var guest = watch.Elapsed.TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"module load (sh)={Math.Max(0, first - guest)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"guest (sh -c true)={guest}"));
    }

    private static void Phase(string name, Stopwatch watch)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}={watch.Elapsed.TotalMilliseconds}"));
        watch.Restart();
    }

    private static async Task<Dictionary<string, double>> RunChildAsync()
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(StartupScenario).Assembly.Location);
        }

        start.ArgumentList.Add("startup-child");
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"startup-child exited {child.ExitCode}: {output}");
        }

        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
    }

    private static async Task TimeProcessAsync(string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true };
        foreach (var arg in command.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} exited {process.ExitCode}");
        }
    }

    // The tool on PATH if installed (dotnet tool install -g AgentOs.Cli), else the CLI built next to the benchmarks.
    private static string[] DefaultCommand()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "agentos")).FirstOrDefault(File.Exists);
        if (onPath is not null)
        {
            return [onPath, "exec", "true"];
        }

        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "AgentOs.slnx")))
        {
            root = root.Parent;
        }

        var dll = root is null ? null : Path.Combine(root.FullName, "src", "AgentOs.Cli", "bin", "Release", "net10.0", "AgentOs.Cli.dll");
        return dll is not null && File.Exists(dll)
            ? ["dotnet", dll, "exec", "true"]
            : throw new InvalidOperationException("install the tool (dotnet tool install -g AgentOs.Cli) or build src/AgentOs.Cli, or name a command after --");
    }
}
