using AgentOs;

// A fresh sandboxed VM: its own kernel, file system and process table, nothing of the host's.
await using var vm = await AgentOsVm.CreateAsync(new AgentOsOptions
{
    Limits = new() { Resources = new() { MaxProcesses = 64, MaxFilesystemBytes = 64L << 20 } },
});

vm.FileSystem.WriteAllText("/workspace/words.txt", "sandbox\nwasm\nkernel\n");
var result = await vm.ExecAsync("sort /workspace/words.txt | head -n 1; wc -l < /workspace/words.txt");

Console.Write(result.Stdout);
Console.Error.Write(result.Stderr);
return result.ExitCode;
