namespace AgentOs.Integration.Tests;

/// <summary>
/// The published coreutils and common packages, run unchanged, doing real work in the VM's filesystem. Left out on
/// purpose, as defects of the published guests: `ln`/`link` hard links (the guest passes one buffer for both paths),
/// `du` sizes (preview1 stat has no block count), `grep` (not in the published common set: only its egrep/fgrep wrappers are).
/// </summary>
public sealed class CommandTests
{
    [Theory]
    [InlineData("mkdir -p a/b/c && ls -d a/b/c", "a/b/c\n")]
    [InlineData("mkdir -p d && touch d/x d/y && ls d", "x\ny\n")]
    [InlineData("echo hi > f && ls -la f | cut -c1-10", "-rw-r--r--\n")]
    [InlineData("mkdir -p s/t && echo z > s/t/f && cp -r s c && cat c/t/f", "z\n")]
    [InlineData("echo m > a1 && mv a1 a2 && cat a2 && ls a1 2>/dev/null || echo gone", "m\ngone\n")]
    [InlineData("mkdir -p r/q && touch r/q/f && rm -r r && ls r 2>/dev/null || echo removed", "removed\n")]
    [InlineData("touch p && chmod 750 p && stat -c %a p", "750\n")]
    [InlineData("df / | tail -1 | awk '{print $2}'", "65536\n")]
    [InlineData("mkdir -p du1 && touch du1/x && du -s du1 | cut -f2", "du1\n")]
    [InlineData("id -u; id -un", "1000\nagentos\n")]
    [InlineData("printf 'a b\\nc\\n' | wc -l", "2\n")]
    [InlineData("printf 'b\\na\\nb\\n' | sort | uniq -c | tr -s ' '", " 1 a\n 2 b\n")]
    [InlineData("echo a:b:c | cut -d: -f2", "b\n")]
    [InlineData("echo hello | tr a-z A-Z", "HELLO\n")]
    [InlineData("seq 1 10 | head -3", "1\n2\n3\n")]
    [InlineData("seq 1 10 | tail -2", "9\n10\n")]
    [InlineData("echo x | tee t1 >/dev/null; cat t1", "x\n")]
    [InlineData("seq 3 5", "3\n4\n5\n")]
    [InlineData("date -u -d @0 +%Y-%m-%d", "1970-01-01\n")]
    [InlineData("env -i FOO=1 printenv FOO", "1\n")]
    [InlineData("printf '%05d|%s\\n' 42 ok", "00042|ok\n")]
    [InlineData("test -d /tmp && echo dir", "dir\n")]
    [InlineData("expr 6 \\* 7", "42\n")]
    [InlineData("printf abc | sha256sum | cut -c1-16", "ba7816bf8f01cfea\n")]
    [InlineData("printf hello | base64", "aGVsbG8=\n")]
    [InlineData("printf 'aGVsbG8=' | base64 -d", "hello")]
    [InlineData("basename /a/b/c.txt .txt; dirname /a/b/c.txt", "c\n/a/b\n")]
    [InlineData("printf 'one\\ntwo\\n' | sed 's/o/0/g'", "0ne\ntw0\n")]
    [InlineData("printf 'k v\\n' > s1 && sed -i 's/v/w/' s1 && cat s1", "k w\n")]
    [InlineData("printf '1 2\\n3 4\\n' | awk '{s+=$1*$2} END {print s}'", "14\n")]
    [InlineData("mkdir -p fd/x && touch fd/x/n.txt fd/m.log && find fd -name '*.txt'", "fd/x/n.txt\n")]
    [InlineData("printf 'a\\nb\\n' > d1 && printf 'a\\nc\\n' > d2; diff -u d1 d2 | tail -2", "-b\n+c\n")]
    [InlineData("mkdir -p tz && echo data > tz/f && tar czf t.tgz tz && rm -r tz && tar xzf t.tgz && cat tz/f", "data\n")]
    [InlineData("echo squeeze > g && gzip g && gunzip g.gz && cat g", "squeeze\n")]
    [InlineData("printf 'a\\nb\\nc\\n' | xargs echo", "a b c\n")]
    [InlineData("printf 'c\\nb\\na\\n' > tc && tac tc", "a\nb\nc\n")]
    [InlineData("echo abc | rev", "cba\n")]
    [InlineData("ln -s target lnk && readlink lnk", "target\n")]
    [InlineData("realpath /opt/agentos/bin/../bin", "/opt/agentos/bin\n")]
    [InlineData("printf '3\\n1\\n2\\n' | sort -n | paste -sd,", "1,2,3\n")]
    [InlineData("printf 'x\\n' | nl | tr -s ' \\t' ' '", " 1 x\n")]
    [InlineData("printf 'abcdef' | fold -w 2", "ab\ncd\nef")]
    [InlineData("yes | head -n 2", "y\ny\n")]
    [InlineData("truncate -s 10 tr && wc -c < tr", "10\n")]
    [InlineData("mktemp -d /tmp/x.XXXX | cut -c1-7", "/tmp/x.\n")]
    [InlineData("uname -s", "Linux\n")]
    [InlineData("whoami", "agentos\n")]
    [InlineData("echo 2+3 | bc", "5\n")]
    [InlineData("comm -12 d1 d2 2>/dev/null || (printf 'a\\nb\\n' > d1; printf 'a\\nc\\n' > d2; comm -12 d1 d2)", "a\n")]
    public async Task CommandDoesItsJob(string script, string expected)
    {
        using var vm = await TestVm.CreateAsync();

        var result = await vm.ShAsync(script);

        Assert.True(expected == result.Stdout, result.ToString());
    }

    /// <summary>Issue #12: tools reading a pipe (no seek, no size) or a character device, as tac once could not.</summary>
    [Theory]
    [InlineData("seq 5 | sort -r | paste -sd,", "5,4,3,2,1\n")]
    [InlineData("seq 5 | shuf | sort -n | paste -sd,", "1,2,3,4,5\n")]
    [InlineData("seq 7 | split -l 3 && cat xab && ls x*", "4\n5\n6\nxaa\nxab\nxac\n")]
    [InlineData("seq 100000 | tail -n 2", "99999\n100000\n")]
    [InlineData("seq 5 | tail -c 5", "\n4\n5\n")]
    [InlineData("seq 5 | head -c 3", "1\n2")]
    [InlineData("printf ab | od -An -c", "   a   b\n")]
    [InlineData("echo abc | base64 | base64 -d", "abc\n")]
    [InlineData("echo abc | cksum", "1112837078 4\n")]
    [InlineData("echo abc | md5sum", "0bee89b07a248e27c83fc3d5951213c1  -\n")]
    [InlineData("seq 3 | gzip | gunzip", "1\n2\n3\n")]
    [InlineData("mkdir -p tp && echo y > tp/g && tar cf - tp | (mkdir o && cd o && tar xf - && cat tp/g)", "y\n")]
    [InlineData("seq 5 | sed -n '$p'", "5\n")]
    [InlineData("seq 5 | awk 'END { print NR }'", "5\n")]
    [InlineData("printf '1\\n3\\n' > f; seq 3 | diff - f", "2d1\n< 2\n")]
    [InlineData("printf '1\\n3\\n' > f; seq 3 | comm -3 - f", "2\n")]
    [InlineData("seq 4 | paste - -", "1\t2\n3\t4\n")]
    [InlineData("seq 3 | xargs echo", "1 2 3\n")]
    [InlineData("echo hi | wc -c /dev/stdin", "3 /dev/stdin\n")]
    [InlineData("head -c 10 /dev/zero | wc -c", "10\n")]
    [InlineData("head -c 16 /dev/urandom | wc -c", "16\n")]
    [InlineData("wc -c < /dev/null; sort /dev/null; od -An -tx1 -N2 /dev/zero", "0\n 00 00\n")]
    public async Task ToolsReadPipesAndDevices(string script, string expected)
    {
        using var vm = await TestVm.CreateAsync();

        var result = await vm.ShAsync(script);

        Assert.True(expected == result.Stdout, result.ToString());
    }
}
