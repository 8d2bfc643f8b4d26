namespace AgentOs.Tests.Vm;

/// <summary>
/// The library's awk (src/AgentOs/Software/Awk, The One True Awk), which replaces the published gawk package's awk:
/// that one ran the whole program once per file operand (<c>END { print NR }</c> over two files printed 1 and 2). The
/// script's stdout must equal what GNU awk 5.2.1 printed for it; pipes and system() fail with a clear message.
/// </summary>
public sealed class AwkTests
{
    private const string Script = """
printf 'a 1\nb 2\n' > f1; printf 'c 3\n' > f2
awk 'END { print NR }' f1 f2
awk 'BEGIN { print "begin" } { print FILENAME, NR, FNR, $1 } END { print "end", NR, FILENAME }' f1 f2
awk 'FNR == 1 { files++ } END { print files " files" }' f1 f2 f1
awk -v n=10 -F: '{ s += $2 * n } END { printf "%s %.2f\n", toupper($1), s / 3 }' <<'IN'
x:1
y:2
IN
printf 'p q r\n' | awk '{ $2 = "Q"; print; print NF }'
printf 'one\n' | awk '{ print FILENAME "|" $0 }' - f2
awk 'BEGIN { n = split("a,b,c", parts, ","); for (i = n; i >= 1; i--) printf "%s%s", parts[i], (i > 1 ? "-" : "\n") }'
awk 'BEGIN { s = "foo bar foo"; print gsub(/foo/, "baz", s), s; print length(s), substr(s, 5), index(s, "bar") }'
awk 'BEGIN { a["x"] = 1; a["y"] = 2; delete a["x"]; print length(a), ("y" in a), ("x" in a) }'
awk 'BEGIN { print length("héllo"), toupper("é"), substr("héllo", 2, 2) }'
awk 'function fact(n) { return n <= 1 ? 1 : n * fact(n - 1) } BEGIN { print fact(10), 2^10, 7 % 3, int(-3.7) }'
awk '{ print > "out.txt" } END { close("out.txt"); while ((getline line < "out.txt") > 0) print "read:", line }' f1
awk 'BEGIN { print "to stderr" > "/dev/stderr"; print "to stdout" > "/dev/stdout" }' 2>/dev/null
awk 'NR == 2 { exit 3 } { print } END { print "end runs" }' f1 f2; echo "rc=$?"
awk 'BEGIN { exit 4 } END { print "end after BEGIN exit" }'; echo "rc=$?"
awk 'function f() { exit 5 } { f(); print "not printed" } END { print "end"; exit; print "not printed" }' f1; echo "rc=$?"
awk 'BEGIN { while (1) { i++; if (i == 3) exit i } }'; echo "rc=$?"
cd sub && awk '{ print "relative:", $0 }' ../f2 data
""";

    // Recorded by running Script with bash and GNU awk 5.2.1 as awk (LANG=C.UTF-8) in an empty directory that has
    // sub/data ("here").
    private const string GnuStdout = """
3
begin
f1 1 1 a
f1 2 2 b
f2 3 1 c
end 3 f2
3 files
Y 10.00
p Q r
3
-|one
f2|c 3
c-b-a
2 baz bar baz
11 bar baz 5
1 1 0
5 É él
3628800 1024 1 -3
read: a 1
read: b 2
to stdout
a 1
end runs
rc=3
end after BEGIN exit
rc=4
end
rc=5
rc=3
relative: c 3
relative: here

""";

    [Fact]
    public async Task MatchesGnuAwkOnSeveralFilesStdinVariablesAndExit()
    {
        await using var vm = await VmOptions.CreateVmAsync();

        var result = await vm.ExecAsync("mkdir -p /tmp/t/sub && cd /tmp/t && echo here > sub/data\n" + Script);

        Assert.Equal(GnuStdout, result.Stdout);
        Assert.Equal("", result.Stderr);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task IsTheOneTrueAwk()
    {
        await using var vm = await VmOptions.CreateVmAsync();

        var result = await vm.ExecAsync("awk --version");

        Assert.Equal("awk version 20250116\n", result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }

    [Theory]
    [InlineData("awk 'BEGIN { \"echo hi\" | getline v; print \"not reached\" }'", "awk: pipes are not supported in this VM: cannot run \"echo hi\"\n source line number 1\n")]
    [InlineData("awk 'BEGIN { print \"x\" | \"cat\"; print \"not reached\" }'", "awk: pipes are not supported in this VM: cannot run \"cat\"\n source line number 1\n")]
    [InlineData("awk 'BEGIN { system(\"ls\"); print \"not reached\" }'", "awk: system() is not supported in this VM: cannot run \"ls\"\n source line number 1\n")]
    public async Task PipesAndSystemFailWithAClearMessage(string command, string stderr)
    {
        await using var vm = await VmOptions.CreateVmAsync();

        var result = await vm.ExecAsync(command);

        Assert.Equal("", result.Stdout);
        Assert.Equal(stderr, result.Stderr);
        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task FunctionsRecurseWithinTheStackBudgetAndDeeperFailsCleanly()
    {
        const string Depth = "awk 'function f(n) { return n <= 1 ? 1 : 1 + f(n - 1) } BEGIN { print f(ARGV[1]) }'";
        await using var vm = await VmOptions.CreateVmAsync();

        var result = await vm.ExecAsync(Depth + " 500");
        var overflow = await vm.ExecAsync(Depth + " 1000000");

        Assert.Equal("500\n", result.Stdout);
        Assert.NotEqual(0, overflow.ExitCode);
        Assert.Contains("exhausted its configured stack budget", overflow.Stderr);
        Assert.Equal("ok\n", (await vm.ExecAsync("echo ok")).Stdout);

        // A larger budget (limits.resources.maxWasmStackBytes) allows deeper recursion; awk's own C stack is 2 MiB.
        await using var deep = await VmOptions.CreateVmAsync(new AgentOs.Kernel.Limits.ResourceLimits { MaxWasmStackBytes = 4L << 20 });
        Assert.Equal("2000\n", (await deep.ExecAsync(Depth + " 2000")).Stdout);
    }

    [Fact]
    public async Task SystemWithAnEmptyCommandOnlyFlushes()
    {
        await using var vm = await VmOptions.CreateVmAsync();

        var result = await vm.ExecAsync("awk 'BEGIN { printf \"a\"; r = system(\"\"); print \"\" r }'");

        Assert.Equal("a0\n", result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }
}
