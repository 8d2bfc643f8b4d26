using System.Diagnostics;
using System.Text;
using AgentOs.Kernel.Limits;

using static AgentOs.Benchmarks.ScenarioTiming;

namespace AgentOs.Benchmarks;

/// <summary>
/// <c>grep</c>: the VM's own grep (issue #12, goal within 3× of native GNU grep) on the two searches agents run most:
/// <c>grep -rn</c> over a 10,000-file source tree and <c>grep -c</c> over 100 MB, the same data in the VM and in a host
/// directory for the host's <c>/usr/bin/grep</c> (skipped when the host has none). Each figure is the whole command.
/// </summary>
internal static class GrepScenario
{
    private const int TreeFiles = 10_000;
    private const int BigBytes = 100 << 20;

    public static async Task RunAsync()
    {
        Console.WriteLine("AgentOs grep scenarios (Release, " + Environment.ProcessorCount + " cores)");
        var host = Directory.CreateTempSubdirectory("agentos-bench-grep-").FullName;
        try
        {
            var files = SourceTree();
            var big = BigText();
            foreach (var (path, text) in files)
            {
                var file = Path.Join(host, "tree", path);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                await File.WriteAllBytesAsync(file, text);
            }

            await File.WriteAllBytesAsync(Path.Join(host, "big.txt"), big);

            var options = new AgentOsOptions { Limits = new LimitsOptions { Resources = new ResourceLimits { MaxFilesystemBytes = 512L << 20, MaxInodeCount = 50_000 } } };
            await using var vm = await AgentOsVm.CreateAsync(options);
            await vm.CopyInAsync(Path.Join(host, "tree"), "/work/tree");
            vm.FileSystem.WriteAllBytes("/work/big.txt", big);

            string[][] searches =
            [
                ["-rn", "TODO", "tree"],
                ["-c", "needle", "big.txt"],
                ["-ci", "needle", "big.txt"],
                ["-c", "-E", "ne+dle [0-9]+", "big.txt"],
            ];
            foreach (var search in searches)
            {
                var line = "grep " + string.Join(' ', search);
                var result = await vm.ExecAsync("cd /work && " + line + " | wc -l");
                if (result.ExitCode != 0)
                {
                    throw new InvalidOperationException($"{line}: {result.Stderr}");
                }

                Report(line + " (VM)", await TimeAsync(5, () => vm.ExecAsync("cd /work && " + line + " >/dev/null")));
                if (File.Exists("/usr/bin/grep"))
                {
                    Report(line + " (native)", await TimeAsync(5, () => NativeAsync(host, search)));
                }
            }
        }
        finally
        {
            Directory.Delete(host, recursive: true);
        }
    }

    private static async Task NativeAsync(string directory, string[] arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/grep") { WorkingDirectory = directory, RedirectStandardOutput = true, Environment = { ["LC_ALL"] = "C" } };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        await process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        await process.WaitForExitAsync();
    }

    /// <summary>10,000 files of ~40 lines of C-like text in 100 directories; one line in ten files has a TODO.</summary>
    private static List<(string Path, byte[] Text)> SourceTree()
    {
        var random = new Random(12);
        var files = new List<(string, byte[])>(TreeFiles);
        var text = new StringBuilder();
        for (var i = 0; i < TreeFiles; i++)
        {
            text.Clear();
            for (var line = 0; line < 40; line++)
            {
                text.Append("    int value").Append(random.Next(1000)).Append(" = compute(").Append(line).Append(", state->field").Append(random.Next(50)).Append(");");
                text.Append(i % 10 == 0 && line == 20 ? " // TODO: check\n" : "\n");
            }

            files.Add(($"src{i % 100}/file{i}.c", Encoding.ASCII.GetBytes(text.ToString())));
        }

        return files;
    }

    /// <summary>100 MB of log-like lines; one in 1,000 has "needle".</summary>
    private static byte[] BigText()
    {
        var random = new Random(7);
        var big = new byte[BigBytes];
        var position = 0;
        var index = 0;
        while (position < BigBytes)
        {
            var line = index++ % 1000 == 0
                ? $"2026-12-05 level=info request {random.Next()} found needle {random.Next(100)} in handler\n"
                : $"2026-12-05 level=info request {random.Next()} served path=/api/v1/items/{random.Next(10000)} status=200\n";
            position += Encoding.ASCII.GetBytes(line.AsSpan(0, Math.Min(line.Length, BigBytes - position)), big.AsSpan(position));
        }

        return big;
    }
}
