namespace AgentOs.Integration.Tests;

/// <summary>Shell scripts through the real brush <c>sh -c</c>: the language features agents rely on.</summary>
public sealed class ShellTests
{
    [Theory]
    [InlineData("echo hello | wc -c", "6\n")]
    [InlineData("seq 1 100000 | sort -rn | head -1", "100000\n")]
    [InlineData("echo a > f; echo b >> f; cat < f", "a\nb\n")]
    [InlineData("ls /nonexistent 2>&1 >/dev/null | wc -l | tr -d ' '", "1\n")]
    [InlineData("cat <<EOF\nline $((1+2))\nEOF", "line 3\n")]
    [InlineData("x=$(echo inner); echo \"got $x\"", "got inner\n")]
    [InlineData("for i in 1 2 3; do printf '%s,' $i; done; echo", "1,2,3,\n")]
    [InlineData("i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i", "3\n")]
    [InlineData("f() { echo \"arg=$1\"; return 4; }; f x; echo $?", "arg=x\n4\n")]
    [InlineData("false; echo $?; true; echo $?", "1\n0\n")]
    [InlineData("(cd /tmp && pwd); pwd", "/tmp\n/workspace\n")]
    [InlineData("sleep 0.2 & echo started; wait; echo done", "started\ndone\n")]
    [InlineData("(sleep 0.1; echo bg) & wait; echo after", "bg\nafter\n")]
    [InlineData("set -e; case $- in *e*) echo errexit on;; esac", "errexit on\n")]
    [InlineData("case foo in f*) echo matched;; *) echo no;; esac", "matched\n")]
    [InlineData("a=1; [ \"$a\" = 1 ] && echo yes || echo no", "yes\n")]
    [InlineData("printf '#!/bin/sh\\necho script got $1\\n' > s.sh; chmod +x s.sh; ./s.sh arg", "script got arg\n")]
    [InlineData("exec echo replaced; echo never", "replaced\n")]
    [InlineData("umask 077; touch private; stat -c %a private", "600\n")]
    [InlineData("cd /tmp; pwd; ls -d \"$PWD\"", "/tmp\n/tmp\n")]
    public async Task ScriptPrintsWhatBashWould(string script, string expected)
    {
        using var vm = await TestVm.CreateAsync();

        var result = await vm.ShAsync(script);

        Assert.True(expected == result.Stdout, result.ToString());
    }

    [Fact]
    public async Task ExitStatusOfTheScriptIsTheLastCommands()
    {
        using var vm = await TestVm.CreateAsync();

        Assert.Equal(3, (await vm.ShAsync("exit 3")).Code);
        Assert.Equal(1, (await vm.ShAsync("false")).Code);
        Assert.Equal(127, (await vm.ShAsync("no-such-command-here")).Code);
    }

    [Fact]
    public async Task CommandSubstitutionLargerThanAPipeCompletes()
    {
        using var vm = await TestVm.CreateAsync();

        // brush reads $(…) only after the child exits; the kernel lets that pipe grow instead of deadlocking.
        var result = await vm.ShAsync("x=$(seq 1 300000 | cat); echo ${#x}; y=$(head -c 200000 /dev/zero | tr '\\0' b); echo ${#y}");
        var overflow = vm.Kernel.Registry.Find(AgentOs.Kernel.Limits.LimitNames.PipeOverflowBytes)!;

        Assert.Equal("1988894\n200000\n", result.Stdout);
        Assert.True(overflow.HighWater > 0);
        Assert.Equal(0, overflow.Current);
    }

    [Fact]
    public async Task HereDocumentsLargerThanAPipeComplete()
    {
        using var vm = await TestVm.CreateAsync();

        // brush writes a here-document into a pipe before it starts the reader; the pipe grows instead of deadlocking.
        var result = await vm.ShAsync("x=$(seq 30000); wc -l <<< \"$x\"; read first <<< \"$x\"; echo $first; mapfile -t a <<EOF\n$x\nEOF\necho ${#a[@]}; y=$(echo \"$x\"); echo ${#y}");
        var overflow = vm.Kernel.Registry.Find(AgentOs.Kernel.Limits.LimitNames.PipeOverflowBytes)!;

        Assert.True(result.Stdout == "30000\n1\n30000\n168893\n", result.ToString());
        Assert.Equal(0, overflow.Current);
    }

    [Fact]
    public async Task ABuiltinReadingAProcessSubstitutionFailsInsteadOfHanging()
    {
        using var vm = await TestVm.CreateAsync();

        // brush starts <(cmd) on its one thread only after the builtin has read: EDEADLK, not a hang. External
        // commands read it fine.
        var result = await vm.ShAsync("while read l; do echo \"got $l\"; done < <(seq 2); cat < <(seq 2); wc -l < <(seq 3)");

        Assert.True(result.Stdout == "1\n2\n3\n", result.ToString());
        Assert.Contains("deadlock", result.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task StdinReachesTheGuest()
    {
        using var vm = await TestVm.CreateAsync();

        var result = await vm.ShAsync("tr a-z A-Z", stdin: "shout\n");

        Assert.Equal("SHOUT\n", result.Stdout);
    }

    [Fact]
    public async Task PipesCarryMoreThanTheirCapacityWithoutStalling()
    {
        using var vm = await TestVm.CreateAsync();

        // 10 MiB through a 64 KiB pipe: the reference VM stalled past 64 KiB.
        var result = await vm.ShAsync("head -c 10485760 /dev/zero | wc -c");

        Assert.Equal("10485760\n", result.Stdout);
    }

    [Fact]
    public async Task EnvironmentAndIdentityLookLikeTheReferenceVm()
    {
        using var vm = await TestVm.CreateAsync();

        var result = await vm.ShAsync("id; echo $PWD; echo $HOME; umask");

        Assert.Equal("uid=1000(agentos) gid=1000(agentos) groups=1000\n/workspace\n/home/agentos\n0022\n", result.Stdout);
    }
}
