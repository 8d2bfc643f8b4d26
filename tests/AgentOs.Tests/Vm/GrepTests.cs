namespace AgentOs.Tests.Vm;

/// <summary>
/// The default software's grep (src/AgentOs/Software/Grep) against GNU grep 3.8: the script runs in the VM's shell and
/// its stdout+stderr must equal what Debian 12's GNU grep printed for the same script.
/// </summary>
public sealed class GrepTests
{
    // Each line exercises a group of the options agents use; "rc=" lines check exit statuses 0/1/2.
    private const string Script = """
printf 'alpha\nBeta\ngamma beta\nbetamax\n' > f.txt; grep -in beta f.txt
grep -vc beta f.txt
grep -wo beta f.txt f.txt
grep -x Beta f.txt; grep -x -q nope f.txt; echo "rc=$?"
grep -E 'al|ga' f.txt | grep -F -e mm -e ph
seq 1 12 > n; grep -A1 -B1 -e 4 -e 9 n
grep -m2 -n 1 n; grep -C1 -m1 5 n
mkdir -p t/sub t/skip; printf 'x TODO\n' > t/a.c; printf 'TODO y\n' > t/sub/b.h; printf 'TODO\n' > t/skip/c.c; grep -rn TODO t --include='*.c' --exclude-dir=skip
grep -rl TODO t | sort; grep -L alpha f.txt n; echo "rc=$?"
grep -h beta f.txt f.txt; grep -H -c gamma f.txt
printf 'a\0b\nfoo\n' > bin; grep foo bin; grep -c foo bin; grep -a foo bin
grep '(' f.txt; echo "rc=$?"; grep -E '(' f.txt 2>/dev/null; echo "rc=$?"
grep beta missing f.txt; echo "rc=$?"; grep -s beta missing; echo "rc=$?"
printf 'one\ntwo\n' | grep -n t -; printf 'x\n' | grep -q x missing; echo "rc=$?"
printf 'beta\n^a\n' > pats; grep -f pats f.txt; printf 'a.c\nabc\n' | grep -F a.c
printf 'foo bar\n' | grep -o 'o*'; printf 'ab\n' | grep -e a -e b -o
""";

    // Recorded by running Script with bash and GNU grep 3.8 in an empty directory.
    private const string GnuStdout = """
2:Beta
3:gamma beta
4:betamax
2
f.txt:beta
f.txt:beta
Beta
rc=1
alpha
gamma beta
3
4
5
--
8
9
10
1:1
10:10
4
5
6
t/a.c:1:x TODO
t/a.c
t/skip/c.c
t/sub/b.h
n
rc=0
gamma beta
betamax
gamma beta
betamax
f.txt:1
1
foo
rc=1
rc=2
f.txt:gamma beta
f.txt:betamax
rc=2
rc=2
2:two
rc=2
alpha
gamma beta
betamax
a.c
oo
a
b

""";

    private const string GnuStderr = """
grep: bin: binary file matches
grep: missing: No such file or directory
grep: missing: No such file or directory

""";

    [Fact]
    public async Task MatchesGnuGrepOutputAndExitStatus()
    {
        await using var vm = await VmOptions.CreateVmAsync();

        var result = await vm.ExecAsync("mkdir -p /tmp/g && cd /tmp/g\n" + Script);

        Assert.Equal(GnuStdout, result.Stdout);
        Assert.Equal(GnuStderr, result.Stderr);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task EgrepAndFgrepWrappersAndRelativePathsWork()
    {
        await using var vm = await VmOptions.CreateVmAsync();

        var result = await vm.ExecAsync("mkdir -p d && cd d && printf 'x1\ny.2\n' > in && egrep 'x[0-9]' in 2>/dev/null && fgrep -c y.2 ../d/in 2>/dev/null && printf 'foo\n' | grep foo");

        Assert.Equal("x1\n1\nfoo\n", result.Stdout);
        Assert.Equal(0, result.ExitCode);
    }

    /// <summary>
    /// Large input goes through the skip-ahead search (a literal every match must contain, found 16 bytes at a time,
    /// lines split only around it): counts, line numbers, matches straddling the 256 KiB read buffer, a last line
    /// without a newline and patterns whose literal is only a part of the match, against .NET's regex on the same data.
    /// </summary>
    [Theory]
    [InlineData("needle", "needle", false)]
    [InlineData("-i needle", "needle", true)]
    [InlineData("-E 'ne+dle [0-9]+'", "ne+dle [0-9]+", false)]
    [InlineData("-i 'x*n[e]edle'", "x*n[e]edle", true)]
    [InlineData("'id=1[0-9]*7$'", "id=1[0-9]*7$", false)]
    [InlineData("-w -F edl", @"\bedl\b", false)]
    public async Task LargeInputCountsMatchARegexOracle(string arguments, string oracle, bool ignoreCase)
    {
        var text = new System.Text.StringBuilder();
        var random = new Random(3);
        for (var i = 0; text.Length < 3_000_000; i++)
        {
            text.Append(random.Next(7) switch
            {
                0 => $"found needle {i} here",
                1 => $"NeEdLe {i}",
                2 => $"neeedle {i} edl",
                3 => $"edl id={i}",
                _ => new string('a', random.Next(200)) + $" id={i}",
            }).Append('\n');
        }

        text.Append("last needle 7");
        var data = text.ToString();
        var regex = new System.Text.RegularExpressions.Regex(oracle, ignoreCase ? System.Text.RegularExpressions.RegexOptions.IgnoreCase : System.Text.RegularExpressions.RegexOptions.None);
        var expected = data.Split('\n').Count(line => regex.IsMatch(line));
        await using var vm = await VmOptions.CreateVmAsync();
        vm.FileSystem.WriteAllText("/workspace/big.txt", data);

        var result = await vm.ExecAsync($"grep -c {arguments} big.txt; grep -n {arguments} big.txt | tail -1 | cut -d: -f1");

        var lines = data.Split('\n');
        var last = Array.FindLastIndex(lines, line => regex.IsMatch(line)) + 1;
        Assert.Equal($"{expected}\n{last}\n", result.Stdout);
    }
}
