using System.Formats.Tar;
using System.Text;
using AgentOs.Kernel;
using AgentOs.Tests.Vm;

namespace AgentOs.Tests.Workspace;

public sealed class TarTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ATreeExportsAndImportsKeepingModesTimesAndLinks(bool gzip)
    {
        await using var vm = await VmOptions.CreateVmAsync();
        await vm.ExecAsync("mkdir -p /workspace/p/bin && echo 'echo ran' > /workspace/p/bin/run && chmod 750 /workspace/p/bin/run && touch -d '2021-03-04 05:06:07' /workspace/p/bin/run && ln -s bin/run /workspace/p/link");
        var archive = new MemoryStream();
        await vm.ExportTarAsync("/workspace/p", archive, gzip);
        archive.Position = 0;
        await vm.ImportTarAsync(archive, "/workspace/q", gzip);
        var result = await vm.ExecAsync("cd /workspace/q && stat -c '%a %Y' bin/run && readlink link && sh link");
        var mtime = new DateTimeOffset(2021, 3, 4, 5, 6, 7, TimeSpan.Zero).ToUnixTimeSeconds();
        Assert.Equal($"750 {mtime}\nbin/run\nran\n", result.Stdout);
        Assert.Equal(1000u, vm.FileSystem.Stat("/workspace/q/bin/run").Uid);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/../../escape")]
    [InlineData("/etc/escape")]
    public async Task EntriesEscapingTheTargetAreRefusedAndNothingIsLeft(string name)
    {
        await using var vm = await VmOptions.CreateVmAsync();
        var archive = Archive(w =>
        {
            w.WriteEntry(File("ok.txt", "fine"));
            w.WriteEntry(File(name, "evil"));
        });
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => vm.ImportTarAsync(archive, "/workspace/t"));
        Assert.Contains("absolute or climbs", error.Message);
        Assert.False(vm.FileSystem.Exists("/workspace/t"));
        Assert.False(vm.FileSystem.Exists("/workspace/escape"));
        Assert.False(vm.RootFileSystem.Exists("/etc/escape"));
    }

    [Fact]
    public async Task ASymlinkThenWriteArchiveCannotWriteThroughTheLink()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        var before = vm.RootFileSystem.ReadAllText("/etc/passwd");
        var archive = Archive(w =>
        {
            w.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "etc") { LinkName = "/etc" });
            w.WriteEntry(File("etc/passwd", "root::0:0::/:/bin/sh\n"));
        });
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => vm.ImportTarAsync(archive, "/workspace/t"));
        Assert.Contains("not a directory", error.Message);
        Assert.Equal(before, vm.RootFileSystem.ReadAllText("/etc/passwd"));
        Assert.False(vm.FileSystem.Exists("/workspace/t"));
    }

    [Fact]
    public async Task ATruncatedArchiveIsAClearErrorAndLeavesNothing()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        var whole = Archive(w => w.WriteEntry(File("big", new string('x', 100_000))));
        var truncated = new MemoryStream(whole.ToArray()[..5000]);
        await Assert.ThrowsAsync<InvalidDataException>(() => vm.ImportTarAsync(truncated, "/workspace/t"));
        Assert.False(vm.FileSystem.Exists("/workspace/t"));
    }

    [Fact]
    public async Task ImportingOverAnExistingDirectoryIsRefused()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        vm.FileSystem.CreateDirectory("/workspace/t");
        vm.FileSystem.WriteAllText("/workspace/t/keep", "kept");
        var error = await Assert.ThrowsAsync<AgentOsFileSystemException>(() => vm.ImportTarAsync(Archive(w => w.WriteEntry(File("x", "x"))), "/workspace/t"));
        Assert.Equal(Errno.EEXIST, error.Errno);
        Assert.Equal("kept", vm.FileSystem.ReadAllText("/workspace/t/keep"));
    }

    private static PaxTarEntry File(string name, string content) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) };

    private static MemoryStream Archive(Action<TarWriter> write)
    {
        var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            write(writer);
        }

        stream.Position = 0;
        return stream;
    }
}
