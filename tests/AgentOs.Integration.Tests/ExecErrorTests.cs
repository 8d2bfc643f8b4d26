namespace AgentOs.Integration.Tests;

/// <summary>What a shell reports when a command cannot run, and what a crashing guest says about itself.</summary>
public sealed class ExecErrorTests
{
    [Theory]
    [InlineData("printf '\\177ELF\\2\\1\\1\\0' > prog; chmod +x prog; ./prog", 126, "Exec format error")]
    [InlineData("echo 'echo hi' > script; ./script", 126, "Permission denied")]
    [InlineData("mkdir dir; ./dir", 126, "Permission denied")]
    [InlineData("./missing", 127, "not found")]
    [InlineData("no-such-command", 127, "not found")]
    public async Task ShellReportsWhyACommandCannotRun(string script, int code, string message)
    {
        using var vm = await TestVm.CreateAsync();

        var result = await vm.ShAsync(script);

        Assert.True(code == result.Code, result.ToString());
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidWasmModuleNamesTheFileAndTheReasonAndExits126()
    {
        using var vm = await TestVm.CreateAsync();

        var result = await vm.ShAsync("printf '\\0asm\\1\\0\\0\\0\\377\\377' > bad.wasm; chmod +x bad.wasm; ./bad.wasm");

        Assert.True(result.Code == 126, result.ToString());
        Assert.Contains("agentos: /workspace/./bad.wasm: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("malformed section id", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Exec format error", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndlessShellRecursionSaysWhatTrapped()
    {
        using var vm = await TestVm.CreateAsync();

        var result = await vm.ShAsync("f() { f; }; f");

        Assert.Equal(1, result.Code);
        Assert.Contains("WebAssembly guest trapped: out-of-bounds memory access", result.Stderr, StringComparison.Ordinal);
    }
}
