namespace AgentOs.Tests.Vm;

/// <summary>
/// The library's tac (src/AgentOs/Software/Tac), which replaces the published uutils tac: that one cannot read a pipe
/// ("tac: stdin: read error: unsupported"). The script's stdout+stderr must equal what GNU tac 9.1 printed for it.
/// </summary>
public sealed class TacTests
{
    private const string Script = """
seq 3 | tac
printf 'a\nb' | tac; echo
printf 'a\nb\n' | tac -b | od -An -c
printf 'x--y--z--' | tac -s --; echo
printf 'a1b22c' | tac -r -s '[0-9]'; echo
printf '1\n2\n' > f; tac f - f < f
tac missing; echo "rc=$?"
printf 'q\nr\n' | tac /dev/stdin
""";

    // Recorded by running Script with bash and GNU coreutils 9.1 tac in an empty directory.
    private const string GnuStdout = """
3
2
1
ba

  \n  \n   b   a
z--y--x--
c2b2a1
2
1
2
1
2
1
rc=1
r
q

""";

    [Fact]
    public async Task MatchesGnuTacOnPipesFilesAndSeparators()
    {
        await using var vm = await VmOptions.CreateVmAsync();

        var result = await vm.ExecAsync("mkdir -p /tmp/t && cd /tmp/t\n" + Script);

        Assert.Equal(GnuStdout, result.Stdout);
        Assert.Equal("tac: failed to open 'missing' for reading: No such file or directory\n", result.Stderr);
        Assert.Equal(0, result.ExitCode);
    }
}
