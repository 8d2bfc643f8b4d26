namespace AgentOs.Tests.Vm;

/// <summary>
/// The library's cat (src/AgentOs/Software/Cat), which replaces the published uutils cat: that one refuses paths that
/// are pipes or devices ("unknown filetype"). The script's output must equal what GNU cat 9.1 printed for it.
/// </summary>
public sealed class CatTests
{
    private const string Script = """
cat /dev/null; echo "null rc=$?"
head -c 3 /dev/zero | cat | od -An -c
cat /dev/zero | head -c 4 | wc -c
echo piped | cat /dev/stdin
echo fd0 | cat /dev/fd/0 -
cat <(seq 2) <(echo sub)
printf 'a\tb\n\n\n\001c\n' > f
cat -A f
cat -n f
cat -sb f
cat -vT f
cat f -E
printf '\200\377\177\n' | cat -v
printf 'x' > g; cat -n g g; echo
cat missing; echo "rc=$?"
mkdir d; cat d; echo "rc=$?"
""";

    // Recorded by running Script with bash and GNU coreutils 9.1 cat in an empty directory.
    private const string GnuStdout =
        "null rc=0\n" +
        "  \\0  \\0  \\0\n" +
        "4\n" +
        "piped\n" +
        "fd0\n" +
        "1\n" +
        "2\n" +
        "sub\n" +
        "a^Ib$\n" +
        "$\n" +
        "$\n" +
        "^Ac$\n" +
        "     1\ta\tb\n" +
        "     2\t\n" +
        "     3\t\n" +
        "     4\t\u0001c\n" +
        "     1\ta\tb\n" +
        "\n" +
        "     2\t\u0001c\n" +
        "a^Ib\n" +
        "\n" +
        "\n" +
        "^Ac\n" +
        "a\tb$\n" +
        "$\n" +
        "$\n" +
        "\u0001c$\n" +
        "M-^@M-^?^?\n" +
        "     1\txx\n" +
        "rc=1\n" +
        "rc=1\n";

    [Fact]
    public async Task MatchesGnuCatOnDevicesPipesAndFormattingOptions()
    {
        await using var vm = await VmOptions.CreateVmAsync();

        var result = await vm.ExecAsync("mkdir -p /tmp/t && cd /tmp/t\n" + Script);

        Assert.Equal(GnuStdout, result.Stdout);
        Assert.Equal("cat: missing: No such file or directory\ncat: d: Is a directory\n", result.Stderr);
        Assert.Equal(0, result.ExitCode);
    }
}
