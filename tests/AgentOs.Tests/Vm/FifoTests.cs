namespace AgentOs.Tests.Vm;

/// <summary>
/// Named FIFOs through the real shell: the library's mkfifo (src/AgentOs/Software/Mkfifo, over host_fs.path_mknod)
/// and the kernel's FIFO nodes. The output must equal what bash with GNU coreutils 9.1 printed for the script.
/// </summary>
public sealed class FifoTests
{
    private const string Script = """
mkfifo p && ls -l p | cut -c1
cat p & echo hi > p; wait
seq 3 > p & wc -l < p; wait
head -c 100000 /dev/zero > p & wc -c p; wait
cat p & exec 3>p; echo a >&3; echo b >&3; exec 3>&-; wait
exec 3<>p; echo rw >&3; read l <&3; echo "got $l"; exec 3>&-
mkfifo p; echo "rc=$?"
mkfifo -m 600 q; stat -c '%a %F' q
rm p q; ls
""";

    // Recorded by running Script with bash and GNU coreutils 9.1 in an empty directory.
    private const string GnuStdout = """
p
hi
3
100000 p
a
b
got rw
rc=1
600 fifo

""";

    [Fact]
    public async Task ProgramsReadAndWriteFifosAsOnLinux()
    {
        await using var vm = await VmOptions.CreateVmAsync();

        var result = await vm.ExecAsync("mkdir -p /tmp/t && cd /tmp/t\n" + Script);

        Assert.Equal(GnuStdout, result.Stdout);
        Assert.Equal("mkfifo: cannot create fifo 'p': File exists\n", result.Stderr);
        Assert.Equal(0, result.ExitCode);
    }
}
