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
    public async Task ModuleNeedingAFeatureTheEngineLacksNamesTheFeatureAndExits126()
    {
        using var vm = await TestVm.CreateAsync();

        // (module (tag $t) (func (export "_start") (try (do (throw $t)) (catch $t)))): legacy exception handling.
        var result = await vm.ShAsync("printf '\\000\\141\\163\\155\\001\\000\\000\\000\\001\\004\\001\\140\\000\\000\\003\\002\\001\\000\\015\\003\\001\\000\\000\\007\\012\\001\\006\\137\\163\\164\\141\\162\\164\\000\\000\\012\\013\\001\\011\\000\\006\\100\\010\\000\\007\\000\\013\\013' > exn.wasm; chmod +x exn.wasm; ./exn.wasm");

        Assert.True(result.Code == 126, result.ToString());
        Assert.Contains("agentos: /workspace/./exn.wasm: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("legacy_exceptions feature required", result.Stderr, StringComparison.Ordinal);
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
