namespace AgentOs.Tests.Vm;

/// <summary>
/// The library's diff (src/AgentOs/Software/Diff), which replaces the published diffutils' diff: that one does not
/// split bundled short options (<c>diff -rq a b</c>: "unknown option: -rq"). The script's stdout and stderr must equal
/// what GNU diffutils 3.8 printed for it: normal, unified, context, brief, side-by-side and ed formats, labels, a
/// missing newline, -i/-b/-w, recursive comparison with Only in / Common subdirectories / -N, -x, stdin, binary files
/// and exit statuses.
/// </summary>
public sealed class DiffTests
{
    private const string Script = """
printf 'one\ntwo\nthree\nfour\n' > a
printf 'one\n2\nthree\nfour\nfive\n' > b
diff a b; echo "rc=$?"
touch -d '2024-05-01 12:00:00' a b
diff -u a b; echo "rc=$?"
diff -c a b; echo "rc=$?"
diff -U1 --label old --label new a b; echo "rc=$?"
diff -q a b; echo "rc=$?"
diff -y -t -W 40 a b; echo "rc=$?"
diff -e a b; echo "rc=$?"
diff -s a a; echo "rc=$?"
printf 'x' > c; printf 'x\n' > d
diff c d; echo "rc=$?"
printf 'A b\n' > e; printf 'a  b\n' > f
diff -ib e f; echo "rc=$?"
diff -w e f; echo "rc=$?"
mkdir -p l/s r/s l/only; echo 1 > l/s/k; echo 2 > r/s/k; echo same > l/x; echo same > r/x; echo n > r/new
touch -d '2024-05-01 12:00:00' l/s/k r/s/k r/new
diff -rq l r; echo "rc=$?"
diff -r -q l r > /dev/null; echo "rc=$?"
diff -ruN l r; echo "rc=$?"
diff l r; echo "rc=$?"
diff -r -x s l r; echo "rc=$?"
printf 'one\n' | diff - a; echo "rc=$?"
printf '\0' > bin1; printf '\1\0' > bin2
diff bin1 bin2; echo "rc=$?"
diff a missing; echo "rc=$?"
diff -rq l; echo "rc=$?"
""";

    // Recorded by running Script with bash and GNU diffutils 3.8 in an empty directory (TZ=UTC, as in the VM).
    private const string GnuStdout = """
2c2
< two
---
> 2
4a5
> five
rc=1
--- a	2024-05-01 12:00:00.000000000 +0000
+++ b	2024-05-01 12:00:00.000000000 +0000
@@ -1,4 +1,5 @@
 one
-two
+2
 three
 four
+five
rc=1
*** a	2024-05-01 12:00:00.000000000 +0000
--- b	2024-05-01 12:00:00.000000000 +0000
***************
*** 1,4 ****
  one
! two
  three
  four
--- 1,5 ----
  one
! 2
  three
  four
+ five
rc=1
--- old
+++ new
@@ -1,4 +1,5 @@
 one
-two
+2
 three
 four
+five
rc=1
Files a and b differ
rc=1
one                   one
two                |  2
three                 three
four                  four
                   >  five
rc=1
4a
five
.
2c
2
.
rc=1
Files a and a are identical
rc=0
1c1
< x
\ No newline at end of file
---
> x
rc=1
rc=0
1c1
< A b
---
> a  b
rc=1
Only in r: new
Only in l: only
Files l/s/k and r/s/k differ
rc=1
rc=1
diff -ruN l/new r/new
--- l/new	1970-01-01 00:00:00.000000000 +0000
+++ r/new	2024-05-01 12:00:00.000000000 +0000
@@ -0,0 +1 @@
+n
diff -ruN l/s/k r/s/k
--- l/s/k	2024-05-01 12:00:00.000000000 +0000
+++ r/s/k	2024-05-01 12:00:00.000000000 +0000
@@ -1 +1 @@
-1
+2
rc=1
Only in r: new
Only in l: only
Common subdirectories: l/s and r/s
rc=1
Only in r: new
Only in l: only
rc=1
1a2,4
> two
> three
> four
rc=1
Binary files bin1 and bin2 differ
rc=1
rc=2
rc=2

""";

    [Fact]
    public async Task MatchesGnuDiffOnFormatsDirectoriesAndExitStatuses()
    {
        await using var vm = await VmOptions.CreateVmAsync();

        var result = await vm.ExecAsync("mkdir -p /tmp/d && cd /tmp/d\n" + Script);

        Assert.Equal(GnuStdout, result.Stdout);
        Assert.Equal(
            "diff: missing: No such file or directory\n"
            + "diff: missing operand after 'l'\ndiff: Try 'diff --help' for more information.\n",
            result.Stderr);
        Assert.Equal(0, result.ExitCode);
    }
}
