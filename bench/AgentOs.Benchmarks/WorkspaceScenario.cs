using AgentOs.Kernel.Limits;

using static AgentOs.Benchmarks.ScenarioTiming;

namespace AgentOs.Benchmarks;

/// <summary>File transfer in and out of a VM (issue #14): the library's whole-file read, copy-in/out of a host tree
/// and VM creation with a host mount, against the native figures on the same machine.</summary>
internal static class WorkspaceScenario
{
    private const int TreeFiles = 1000;
    private const int TreeFileBytes = 10 << 10;

    public static async Task RunAsync()
    {
        Console.WriteLine("AgentOs workspace scenarios (Release, " + Environment.ProcessorCount + " cores)");
        var host = Directory.CreateTempSubdirectory("agentos-bench-ws-").FullName;
        try
        {
            var data = new byte[10 << 20];
            new Random(1).NextBytes(data);
            var nativeFile = Path.Join(host, "ten.bin");
            await File.WriteAllBytesAsync(nativeFile, data);
            var tree = Path.Join(host, "tree");
            for (var i = 0; i < TreeFiles; i++)
            {
                var directory = Path.Join(tree, "d" + (i % 20));
                Directory.CreateDirectory(directory);
                await File.WriteAllBytesAsync(Path.Join(directory, "f" + i), data.AsMemory(i, TreeFileBytes));
            }

            var options = new AgentOsOptions { Limits = new LimitsOptions { Resources = new ResourceLimits { MaxFilesystemBytes = 256L << 20 } } };
            await using var vm = await AgentOsVm.CreateAsync(options);
            vm.FileSystem.WriteAllBytes("/tmp/ten.bin", data);
            Report("ReadAllBytes 10 MiB (library)", await TimeAsync(30, () => Task.FromResult(vm.FileSystem.ReadAllBytes("/tmp/ten.bin"))));
            Report("File.ReadAllBytes 10 MiB (native)", await TimeAsync(30, () => File.ReadAllBytesAsync(nativeFile)));

            var copies = 0;
            Report($"CopyInAsync {TreeFiles} x 10 KiB tree", await TimeAsync(10, () => vm.CopyInAsync(tree, "/tmp/in" + copies++)));
            await vm.CopyInAsync(tree, "/tmp/tree");
            var outs = 0;
            Report($"CopyOutAsync {TreeFiles} x 10 KiB tree", await TimeAsync(10, () => vm.CopyOutAsync("/tmp/tree", Path.Join(host, "out" + outs++))));
            Report("CopyInAsync 10 MiB file", await TimeAsync(10, () => vm.CopyInAsync(nativeFile, "/tmp/in.bin")));

            var mounted = new AgentOsOptions { Limits = options.Limits, Mounts = [new HostMount(tree, "/project", HostMountMode.ReadOnly)] };
            Report($"CreateAsync with a ro mount of {TreeFiles} files", await TimeAsync(5, async () => await (await AgentOsVm.CreateAsync(mounted)).DisposeAsync()));
        }
        finally
        {
            Directory.Delete(host, recursive: true);
        }
    }
}
