using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using AgentOs.Kernel;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Vfs;
using AgentOs.Tests.Vm;

namespace AgentOs.Tests.State;

public sealed class StateTests
{
    [Fact]
    public async Task AVmSavedAndLoadedKeepsItsFilesModesOwnersTimesLinksDevicesIdAndConfiguration()
    {
        var state = new MemoryStream();
        string id;
        await using (var vm = await VmOptions.CreateVmAsync(new ResourceLimits { MaxProcesses = 40 }, o => o.Env["GREETING"] = "hi"))
        {
            id = vm.Id;
            var setup = await vm.ExecAsync(
                "mkdir -p /workspace/d/e && printf 'hello' > /workspace/d/f && chmod 640 /workspace/d/f && touch -d '2020-01-02 03:04:05' /workspace/d/f"
                + " && ln -s d/f /workspace/link && head -c 100000 /dev/urandom > /workspace/big"
                + " && chmod 1777 /workspace/d/e && mkfifo -m 600 /workspace/pipe");
            Assert.True(setup.ExitCode == 0, setup.Stderr);
            vm.RootFileSystem.Delete("/etc/hostname");
            Assert.Equal(Errno.Success, vm.Kernel.FileSystem.Link(PathContext.Root, "/workspace/d/f", "/workspace/hard"));
            vm.RootFileSystem.CreateDirectory("/root/secret");
            await vm.SaveStateAsync(state);
        }

        state.Position = 0;
        await using var loaded = await AgentOsVm.CreateAsync(VmOptions.Create(configure: o => o.State = state));
        Assert.Equal(id, loaded.Id);
        Assert.Equal(40, loaded.Limits.MaxProcesses);
        Assert.Equal("hi", loaded.Environment["GREETING"]);
        var mtime = new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero).ToUnixTimeSeconds();
        var result = await loaded.ExecAsync(
            "cd /workspace && cat d/f && echo && stat -c '%a %Y %h' d/f && readlink link && cat link && echo && stat -c '%h' hard"
            + " && stat -c %s big && stat -c %a d/e && test ! -e /etc/hostname && echo nohost && stat -c '%t %T' /dev/null && echo x > /dev/null"
            + " && cat /proc/mounts | grep -c proc && echo hello | wc -c && ls -l pipe | cut -c1-10");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal($"hello\n640 {mtime} 2\nd/f\nhello\n2\n100000\n1777\nnohost\n1 3\n1\n6\nprw-------\n", result.Stdout);
        Assert.Equal(0u, loaded.RootFileSystem.Stat("/root/secret").Uid);
        Assert.Equal(1000u, loaded.FileSystem.Stat("/workspace/d/f").Uid);
        Assert.Equal(loaded.FileSystem.Stat("/workspace/d/f").Inode, loaded.FileSystem.Stat("/workspace/hard").Inode);
    }

    [Fact]
    public async Task ChangesAfterLoadingCanBeSavedAgain()
    {
        var first = new MemoryStream();
        await using (var vm = await VmOptions.CreateVmAsync())
        {
            vm.FileSystem.WriteAllText("/workspace/a", "one");
            await vm.SaveStateAsync(first);
        }

        first.Position = 0;
        var second = new MemoryStream();
        await using (var vm = await AgentOsVm.CreateAsync(VmOptions.Create(configure: o => o.State = first)))
        {
            await vm.ExecAsync("echo two >> /workspace/a && echo three > /workspace/b");
            await vm.SaveStateAsync(second);
        }

        second.Position = 0;
        await using var last = await AgentOsVm.CreateAsync(VmOptions.Create(configure: o => o.State = second));
        Assert.Equal("onetwo\n", last.FileSystem.ReadAllText("/workspace/a"));
        Assert.Equal("three\n", last.FileSystem.ReadAllText("/workspace/b"));
    }

    [Fact]
    public async Task OptionsGivenWhenLoadingOverrideTheRecordedConfiguration()
    {
        var state = await SavedStateAsync(new ResourceLimits { MaxProcesses = 40, MaxPipes = 20 });
        await using var vm = await AgentOsVm.CreateAsync(VmOptions.Create(new ResourceLimits { MaxPipes = 30 }, o =>
        {
            o.State = state;
            o.VmId = "other";
        }));
        Assert.Equal("other", vm.Id);
        Assert.Equal(40, vm.Limits.MaxProcesses);
        Assert.Equal(30, vm.Limits.MaxPipes);
    }

    [Fact]
    public async Task AStateLargerThanTheFilesystemLimitIsRefusedNamingIt()
    {
        var state = new MemoryStream();
        await using (var vm = await VmOptions.CreateVmAsync())
        {
            vm.FileSystem.WriteAllBytes("/workspace/big", new byte[3 << 20]);
            await vm.SaveStateAsync(state);
        }

        state.Position = 0;
        var error = await Assert.ThrowsAsync<AgentOsStateException>(() =>
            AgentOsVm.CreateAsync(VmOptions.Create(new ResourceLimits { MaxFilesystemBytes = 2 << 20 }, o => o.State = state)));
        Assert.Equal("limits.resources.maxFilesystemBytes", error.LimitConfigPath);
        Assert.Contains("limits.resources.maxFilesystemBytes", error.Message);
    }

    [Fact]
    public async Task AStateWithMoreInodesThanAllowedIsRefusedNamingTheLimit()
    {
        var state = new MemoryStream();
        await using (var vm = await VmOptions.CreateVmAsync())
        {
            Assert.Equal(0, (await vm.ExecAsync("mkdir /workspace/many && cd /workspace/many && for i in $(seq 1 200); do : > f$i; done")).ExitCode);
            await vm.SaveStateAsync(state);
        }

        state.Position = 0;
        var error = await Assert.ThrowsAsync<AgentOsStateException>(() =>
            AgentOsVm.CreateAsync(VmOptions.Create(new ResourceLimits { MaxInodeCount = 150 }, o => o.State = state)));
        Assert.Equal("limits.resources.maxInodeCount", error.LimitConfigPath);
    }

    [Fact]
    public async Task AStateWhoseHeaderUnderstatesItsSizeIsStillBoundedByTheLimits()
    {
        var state = Forge([("big", new string('x', 3 << 20))], header => header.Replace("\"bytes\":0", "\"bytes\":1", StringComparison.Ordinal));
        var error = await Assert.ThrowsAsync<AgentOsStateException>(() =>
            AgentOsVm.CreateAsync(VmOptions.Create(new ResourceLimits { MaxFilesystemBytes = 2 << 20 }, o => o.State = state)));
        Assert.Equal("limits.resources.maxFilesystemBytes", error.LimitConfigPath);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(2000)]
    public async Task ATruncatedStateIsRefused(int keep)
    {
        var full = (await SavedStateAsync()).ToArray();
        var truncated = new MemoryStream(full[..Math.Min(keep, full.Length - 1)]);
        var error = await Assert.ThrowsAsync<AgentOsStateException>(() => AgentOsVm.CreateAsync(VmOptions.Create(configure: o => o.State = truncated)));
        Assert.Contains("state:", error.Message);
        truncated = new MemoryStream(full[..^1]);
        await Assert.ThrowsAsync<AgentOsStateException>(() => AgentOsVm.CreateAsync(VmOptions.Create(configure: o => o.State = truncated)));
    }

    [Fact]
    public async Task ACorruptedByteAnywhereIsDetected()
    {
        var full = (await SavedStateAsync()).ToArray();
        foreach (var at in new[] { 0, 9, 20, full.Length / 2, full.Length - 40, full.Length - 1 })
        {
            var copy = (byte[])full.Clone();
            copy[at] ^= 0x40;
            await Assert.ThrowsAsync<AgentOsStateException>(() => AgentOsVm.CreateAsync(VmOptions.Create(configure: o => o.State = new MemoryStream(copy))));
        }
    }

    [Fact]
    public async Task NotAStateOrAnUnknownVersionIsRefusedClearly()
    {
        var error = await Assert.ThrowsAsync<AgentOsStateException>(() =>
            AgentOsVm.CreateAsync(VmOptions.Create(configure: o => o.State = new MemoryStream(Encoding.UTF8.GetBytes("just some text, no state")))));
        Assert.Contains("bad magic", error.Message);
        var full = (await SavedStateAsync()).ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(full.AsSpan(8), 99);
        error = await Assert.ThrowsAsync<AgentOsStateException>(() => AgentOsVm.CreateAsync(VmOptions.Create(configure: o => o.State = new MemoryStream(full))));
        Assert.Contains("version 99", error.Message);
    }

    [Fact]
    public async Task AHugeHeaderIsRefusedBeforeItIsRead()
    {
        var full = (await SavedStateAsync()).ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(full.AsSpan(12), 64 << 20);
        var error = await Assert.ThrowsAsync<AgentOsStateException>(() => AgentOsVm.CreateAsync(VmOptions.Create(configure: o => o.State = new MemoryStream(full))));
        Assert.Contains("header claims", error.Message);
    }

    [Fact]
    public async Task AHugeTarHeaderIsRefused()
    {
        var state = Forge([("big", "x")], pax: new string('a', 8 << 20));
        var error = await Assert.ThrowsAsync<AgentOsStateException>(() => AgentOsVm.CreateAsync(VmOptions.Create(configure: o => o.State = state)));
        Assert.Contains("metadata header claims", error.Message);

        // A header claiming 8 GiB of PAX records is refused before anything allocates them.
        var block = new byte[512];
        "huge"u8.CopyTo(block);
        "77777777777\0"u8.CopyTo(block.AsSpan(124));
        block[156] = (byte)'x';
        error = await Assert.ThrowsAsync<AgentOsStateException>(() => AgentOsVm.CreateAsync(VmOptions.Create(configure: o => o.State = Wrap(block))));
        Assert.Contains("metadata header claims 8589934591 bytes", error.Message);
    }

    [Fact]
    public async Task ATarLargerThanTheLimitsAllowIsRefusedAsItIsRead()
    {
        // Many small PAX records on many empty directories: little to charge, but a long tar.
        var entries = Enumerable.Range(0, 300).Select(i => ($"d{i}/", (string?)null));
        var state = Forge(entries, pax: new string('a', 100_000));
        var error = await Assert.ThrowsAsync<AgentOsStateException>(() =>
            AgentOsVm.CreateAsync(VmOptions.Create(new ResourceLimits { MaxFilesystemBytes = 1 << 20, MaxInodeCount = 1000 }, o => o.State = state)));
        Assert.Equal("limits.resources.maxFilesystemBytes", error.LimitConfigPath);
        Assert.Contains("larger than the VM's filesystem limits allow", error.Message);
    }

    [Theory]
    [InlineData("../escape", "not a plain relative path")]
    [InlineData("workspace/../../escape", "not a plain relative path")]
    [InlineData("/etc/escape", "absolute")]
    [InlineData("nodir/file", "not inside a directory")]
    public async Task HostileEntryNamesAreRefused(string name, string reason)
    {
        var state = Forge([("workspace/", null), (name, "evil")]);
        var error = await Assert.ThrowsAsync<AgentOsStateException>(() => AgentOsVm.CreateAsync(VmOptions.Create(configure: o => o.State = state)));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public async Task ASymlinkThenWriteStateCannotWriteThroughTheLink()
    {
        var state = Forge([("etc", "->/tmp"), ("etc/passwd", "root::0:0::/:/bin/sh\n")]);
        var error = await Assert.ThrowsAsync<AgentOsStateException>(() => AgentOsVm.CreateAsync(VmOptions.Create(configure: o => o.State = state)));
        Assert.Contains("not inside a directory", error.Message);
    }

    [Fact]
    public async Task ADuplicateEntryIsRefused()
    {
        var state = Forge([("a", "one"), ("a", "two")]);
        var error = await Assert.ThrowsAsync<AgentOsStateException>(() => AgentOsVm.CreateAsync(VmOptions.Create(configure: o => o.State = state)));
        Assert.Contains("appears twice", error.Message);
    }

    [Fact]
    public async Task AHostMountIsNotPartOfTheState()
    {
        var host = Directory.CreateTempSubdirectory("agentos-state-");
        try
        {
            File.WriteAllText(Path.Combine(host.FullName, "on-host"), "host");
            var state = new MemoryStream();
            await using (var vm = await VmOptions.CreateVmAsync(configure: o => o.Mounts.Add(new HostMount(host.FullName, "/workspace/m", HostMountMode.Overlay))))
            {
                vm.FileSystem.WriteAllText("/workspace/m/in-vm", "vm");
                vm.FileSystem.WriteAllText("/workspace/kept", "kept");
                await vm.SaveStateAsync(state);
            }

            state.Position = 0;
            await using var loaded = await AgentOsVm.CreateAsync(VmOptions.Create(configure: o => o.State = state));
            Assert.Equal("kept", loaded.FileSystem.ReadAllText("/workspace/kept"));
            Assert.True(loaded.FileSystem.Exists("/workspace/m"));
            Assert.False(loaded.FileSystem.Exists("/workspace/m/on-host"));
            Assert.False(loaded.FileSystem.Exists("/workspace/m/in-vm"));
        }
        finally
        {
            host.Delete(recursive: true);
        }
    }

    private static async Task<MemoryStream> SavedStateAsync(ResourceLimits? limits = null)
    {
        var state = new MemoryStream();
        await using var vm = await VmOptions.CreateVmAsync(limits);
        vm.FileSystem.WriteAllText("/workspace/a", new string('a', 5000));
        await vm.SaveStateAsync(state);
        state.Position = 0;
        return state;
    }

    /// <summary>A well-formed, correctly checksummed state holding the given tar entries ("->target" makes a
    /// symlink, null a directory) after a root entry.</summary>
    private static MemoryStream Forge(IEnumerable<(string Name, string? Content)> entries, Func<string, string>? editHeader = null, string? pax = null)
    {
        var tar = new MemoryStream();
        using (var gzip = new GZipStream(tar, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "./") { Mode = (UnixFileMode)0x1ED });
            foreach (var (name, content) in entries)
            {
                var attributes = pax is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["comment"] = pax };
                var entry = content switch
                {
                    null => new PaxTarEntry(TarEntryType.Directory, name, attributes),
                    ['-', '>', .. var target] => new PaxTarEntry(TarEntryType.SymbolicLink, name, attributes) { LinkName = target },
                    _ => new PaxTarEntry(TarEntryType.RegularFile, name, attributes) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) },
                };
                entry.Mode = (UnixFileMode)0x1ED;
                writer.WriteEntry(entry);
            }
        }

        return Wrap(tar.ToArray(), editHeader, gzipped: true);
    }

    /// <summary>A correctly checksummed state around <paramref name="payload"/>.</summary>
    private static MemoryStream Wrap(byte[] payload, Func<string, string>? editHeader = null, bool gzipped = false)
    {
        var header = "{\"vmId\":\"forged\",\"configuration\":{},\"fileSystem\":{\"compression\":\"" + (gzipped ? "gzip" : "none") + "\",\"inodes\":0,\"bytes\":0}}";
        var json = Encoding.UTF8.GetBytes(editHeader?.Invoke(header) ?? header);
        var state = new MemoryStream();
        var prefix = new byte[16];
        "AOSSTATE"u8.CopyTo(prefix);
        BinaryPrimitives.WriteUInt32LittleEndian(prefix.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(prefix.AsSpan(12), (uint)json.Length);
        state.Write(prefix);
        state.Write(json);
        for (var offset = 0; offset < payload.Length; offset += 1 << 20)
        {
            var count = Math.Min(1 << 20, payload.Length - offset);
            var length = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)count);
            state.Write(length);
            state.Write(payload, offset, count);
        }

        state.Write(new byte[4]);
        state.Write(SHA256.HashData(state.ToArray()));
        state.Position = 0;
        return state;
    }
}
