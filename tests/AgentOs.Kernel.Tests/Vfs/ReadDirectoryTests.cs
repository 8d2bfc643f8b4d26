using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Vfs;

namespace AgentOs.Kernel.Tests.Vfs;

public sealed class ReadDirectoryTests
{
    private static readonly PathContext Root = VfsHarness.Root;

    [Fact]
    public void ListsDotAndDotDotFirstThenEntriesWithTypes()
    {
        var h = new VfsHarness();
        h.Mkdir("/d");
        h.WriteFile("/d/file", "");
        h.Mkdir("/d/sub");
        Assert.Equal(Errno.Success, h.Fs.Symlink(Root, "file", "/d/link"));
        var entries = h.List("/d");
        Assert.Equal([".", "..", "file", "sub", "link"], entries.Select(e => e.Name));
        Assert.Equal(
            [FileType.Directory, FileType.Directory, FileType.RegularFile, FileType.Directory, FileType.SymbolicLink],
            entries.Select(e => e.Type));
        Assert.Equal(h.Stat("/d").Inode, entries[0].Inode);
        Assert.Equal(h.Stat("/").Inode, entries[1].Inode);
        Assert.Equal(h.Stat("/d/file").Inode, entries[2].Inode);
    }

    [Fact]
    public void CookiesResumeWhereTheLastPageEnded()
    {
        var h = new VfsHarness();
        h.Mkdir("/d");
        for (var i = 0; i < 10; i++)
        {
            h.WriteFile($"/d/f{i}", "");
        }

        var directory = (DirectoryDescription)h.Open("/d", OpenFlags.ReadOnly);
        var all = new List<string>();
        long cookie = 0;
        while (true)
        {
            var page = new List<DirectoryEntry>();
            Assert.Equal(Errno.Success, directory.ReadDirectory(cookie, 3, page));
            if (page.Count == 0)
            {
                break;
            }

            all.AddRange(page.Select(e => e.Name));
            cookie = page[^1].NextCookie;
        }

        VfsHarness.Close(directory);
        Assert.Equal(new[] { ".", ".." }.Concat(Enumerable.Range(0, 10).Select(i => $"f{i}")), all);
    }

    [Fact]
    public void ReaddirDuringMutationReturnsNoEntryTwiceAndEveryUntouchedEntry()
    {
        var h = new VfsHarness();
        h.Mkdir("/d");
        for (var i = 0; i < 20; i++)
        {
            h.WriteFile($"/d/keep{i}", "");
            h.WriteFile($"/d/drop{i}", "");
        }

        var directory = (DirectoryDescription)h.Open("/d", OpenFlags.ReadOnly);
        var seen = new List<string>();
        long cookie = 0;
        var round = 0;
        while (true)
        {
            var page = new List<DirectoryEntry>();
            Assert.Equal(Errno.Success, directory.ReadDirectory(cookie, 4, page));
            if (page.Count == 0)
            {
                break;
            }

            seen.AddRange(page.Select(e => e.Name));
            cookie = page[^1].NextCookie;

            // Between pages: delete entries on both sides of the cursor, add new ones, and rename one.
            Assert.Equal(Errno.Success, h.Fs.Unlink(Root, $"/d/drop{round}"));
            Assert.Equal(Errno.Success, h.Fs.Unlink(Root, $"/d/drop{19 - round}"));
            h.WriteFile($"/d/new{round}", "");
            if (round == 2)
            {
                Assert.Equal(Errno.Success, h.Fs.Rename(Root, "/d/new0", "/d/renamed"));
            }

            round++;
            if (round == 10)
            {
                break;
            }
        }

        while (true)
        {
            var page = new List<DirectoryEntry>();
            Assert.Equal(Errno.Success, directory.ReadDirectory(cookie, 4, page));
            if (page.Count == 0)
            {
                break;
            }

            seen.AddRange(page.Select(e => e.Name));
            cookie = page[^1].NextCookie;
        }

        VfsHarness.Close(directory);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        for (var i = 0; i < 20; i++)
        {
            Assert.Contains($"keep{i}", seen);
        }
    }

    [Fact]
    public async Task ConcurrentReaddirAndChurnKeepsTheInvariants()
    {
        var h = new VfsHarness();
        h.Mkdir("/d");
        for (var i = 0; i < 100; i++)
        {
            h.WriteFile($"/d/stable{i}", "");
        }

        using var stop = new CancellationTokenSource();
        var churn = Task.Run(() =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                h.WriteFile($"/d/tmp{n}", "");
                Assert.Equal(Errno.Success, h.Fs.Unlink(Root, $"/d/tmp{n}"));
                n++;
            }
        });

        for (var pass = 0; pass < 50; pass++)
        {
            var directory = (DirectoryDescription)h.Open("/d", OpenFlags.ReadOnly);
            var seen = new List<string>();
            long cookie = 0;
            while (true)
            {
                var page = new List<DirectoryEntry>();
                Assert.Equal(Errno.Success, directory.ReadDirectory(cookie, 7, page));
                if (page.Count == 0)
                {
                    break;
                }

                seen.AddRange(page.Select(e => e.Name));
                cookie = page[^1].NextCookie;
            }

            VfsHarness.Close(directory);
            Assert.Equal(seen.Count, seen.Distinct().Count());
            Assert.Equal(100, seen.Count(name => name.StartsWith("stable", StringComparison.Ordinal)));
        }

        stop.Cancel();
        await churn;
    }
}
