namespace AgentOs.Tests.Vm;

/// <summary>
/// Issue #12: stderr redirections, <c>/dev/stdin</c> and process substitutions through the real shell, each as bash
/// prints it.
/// </summary>
public sealed class RedirectionTests
{
    [Theory]
    [InlineData("ls /nope 2>&1 | tr a-z A-Z", "LS: CANNOT ACCESS '/NOPE': NO SUCH FILE OR DIRECTORY\n")]
    [InlineData("{ echo out; echo err >&2; } 2>&1 | sort", "err\nout\n")]
    [InlineData("f() { echo fo; echo fe >&2; }; f 2>&1 | cat -n", "     1\tfo\n     2\tfe\n")]
    [InlineData("(echo so; ls /nope) 2>&1 | wc -l", "2\n")]
    [InlineData("sh -c 'echo e >&2' 2>&1 | wc -l", "1\n")]
    [InlineData("awk 'BEGIN { print \"x\" > \"/dev/stderr\" }' 2>&1 | wc -l", "1\n")]
    [InlineData("ls /nope > f 2>&1; wc -l < f", "1\n")]
    [InlineData("ls /nope &> f; wc -l < f", "1\n")]
    [InlineData("ls /nope |& wc -l", "1\n")]
    [InlineData("ls /nope 2>&1 > f | wc -l; wc -c < f", "1\n0\n")]
    public async Task StderrMovesWhereTheRedirectionSays(string script, string expected)
    {
        await using var vm = await VmOptions.CreateVmAsync();

        var result = await vm.ExecAsync(script);

        Assert.Equal(expected, result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Theory]
    [InlineData("echo hi | cat /dev/stdin", "hi\n")]
    [InlineData("echo hi | wc -c < /dev/fd/0", "3\n")]
    [InlineData("echo hi | head -c 1 /proc/self/fd/0; echo", "h\n")]
    [InlineData("printf 'b\\na\\n' > a; printf 'a\\nc\\n' > b; diff <(sort a) <(sort b)", "2c2\n< b\n---\n> c\n")]
    [InlineData("{ seq 3 | tee >(wc -l) > /dev/null; } | cat", "3\n")] // cat ends when wc, holding its pipe, has
    [InlineData("printf 'x\\n' > f; awk '{ print FILENAME == \"f\" ? \"file\" : \"sub\", $0 }' f <(printf 'y\\n')", "file x\nsub y\n")]
    [InlineData("paste <(seq 2) <(seq 3 4)", "1\t3\n2\t4\n")]
    [InlineData("cat < <(seq 2); wc -l < <(seq 3)", "1\n2\n3\n")]
    public async Task DevStdinAndProcessSubstitutionsReadTheirPipes(string script, string expected)
    {
        await using var vm = await VmOptions.CreateVmAsync();

        var result = await vm.ExecAsync(script);

        Assert.Equal(expected, result.Stdout);
    }
}
