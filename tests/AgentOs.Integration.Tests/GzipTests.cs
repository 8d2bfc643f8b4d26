namespace AgentOs.Integration.Tests;

/// <summary>
/// The library's own gzip, gunzip and zcat (src/AgentOs/Software/Gzip), which replace the published gzip package's
/// commands: GNU gzip 1.12's behaviour and exit statuses (0 OK, 1 error, 2 warning) through the VM's shell.
/// </summary>
public sealed class GzipTests
{
    /// <summary>Two members made by GNU gzip 1.12 on Debian 12: `original.txt` ("made by GNU gzip 1.12\n", mtime
    /// 2021-03-04T05:06:07Z) with -9, then "second member\n" from a pipe with -n.</summary>
    private const string GnuMade = "H4sICL9qQGACA29yaWdpbmFsLnR4dADLTUxJVUiqVHD3C1VIr8osUDDUMzTiAgAs60RnFgAAAB+LCAAAAAAAAAMrTk3Oz0tRyE3NTUot4gIANhhLDg4AAAA=";

    [Fact]
    public async Task BinaryDataRoundTripsAtEveryLevel()
    {
        using var vm = await TestVm.CreateAsync();

        var result = await vm.ShAsync(
            "head -c 300000 /dev/urandom > r; seq 1 50000 >> r; cp r orig; "
            + "for l in 1 6 9; do gzip -$l r && test ! -e r && gunzip r.gz && cmp r orig && echo level $l ok; done; "
            + "gzip --best -c r > best.gz && gzip --fast -c r | gunzip | cmp - orig && zcat best.gz | cmp - orig && echo flags ok");

        Assert.True(result.Code == 0 && result.Stdout == "level 1 ok\nlevel 6 ok\nlevel 9 ok\nflags ok\n", result.ToString());
    }

    [Fact]
    public async Task TestModeTellsGoodFromCorruptData()
    {
        using var vm = await TestVm.CreateAsync();

        var result = await vm.ShAsync(
            "seq 1 3000 > s; gzip -k s; gzip -t s.gz; echo good $?; "
            + "n=$(wc -c < s.gz); cp s.gz crc.gz; printf '\\001' | dd of=crc.gz bs=1 seek=$((n - 6)) conv=notrunc 2>/dev/null; "
            + "gzip -t crc.gz; echo crc $?; "
            + "head -c 100 s.gz > short.gz; gzip -t short.gz; echo short $?; "
            + "echo plain > p.gz; gzip -t p.gz; echo plain $?; "
            + "cp s.gz tail.gz; echo junk >> tail.gz; gzip -t tail.gz; echo garbage $?; "
            + "gzip -tv s.gz; gzip -t s.gz crc.gz; echo both $?; gzip -q -t tail.gz; echo quiet $?");

        Assert.True(result.Stdout == "good 0\ncrc 1\nshort 1\nplain 1\ngarbage 2\nboth 1\nquiet 2\n", result.ToString());
        Assert.Contains("gzip: crc.gz: invalid compressed data--crc error\n", result.Stderr);
        Assert.Contains("gzip: short.gz: unexpected end of file\n", result.Stderr);
        Assert.Contains("gzip: p.gz: not in gzip format\n", result.Stderr);
        Assert.Contains("gzip: tail.gz: decompression OK, trailing garbage ignored\n", result.Stderr);
        Assert.Contains("s.gz:\t OK\n", result.Stderr);
    }

    [Fact]
    public async Task KeepStdoutAndExistingOutput()
    {
        using var vm = await TestVm.CreateAsync();

        var result = await vm.ShAsync(
            "echo 'keep me keep me keep me' > k; gzip -k k; ls k k.gz; "
            + "gzip -c k > c.gz; ls k; zcat c.gz; "
            + "gzip k; echo exists $?; ls k; gzip -f k; echo forced $?; ls k* ; "
            + "gunzip -c k.gz; ls k.gz; gzip -dk k.gz; ls k k.gz; "
            + "gzip -kv k 2>&1 >/dev/null | sed 's/[0-9.]*%/N%/'; gzip k.gz; echo suffix $?");

        Assert.True(result.Stdout ==
            "k\nk.gz\nk\nkeep me keep me keep me\nexists 2\nk\nforced 0\nk.gz\nkeep me keep me keep me\nk.gz\nk\nk.gz\n"
            + "gzip: k.gz already exists;\tnot overwritten\nsuffix 0\n", result.ToString());
        Assert.Contains("gzip: k.gz already exists;\tnot overwritten\n", result.Stderr);
        Assert.Contains("gzip: k.gz already has .gz suffix -- unchanged\n", result.Stderr);
    }

    [Fact]
    public async Task StdinStdoutAndMultiMemberInput()
    {
        using var vm = await TestVm.CreateAsync();

        var result = await vm.ShAsync(
            "seq 3 | gzip > m.gz; seq 4 6 | gzip -9 >> m.gz; zcat m.gz | paste -sd,; gunzip < m.gz | wc -l; "
            + "gzip -dc - < m.gz | tail -1; cat m.gz | gzip -t && echo tested; echo abc | gzip -c | gzip -dc; "
            + "echo not gzip | zcat -f; echo not gzip | gzip -d; echo plain $?; gzip -dv m.gz 2>&1 | sed 's/ *[0-9.-]*%/N%/'; cat m");

        Assert.True(result.Stdout ==
            "1,2,3,4,5,6\n6\n6\ntested\nabc\nnot gzip\nplain 1\nm.gz:\tN% -- replaced with m\n1\n2\n3\n4\n5\n6\n", result.ToString());
    }

    [Fact]
    public async Task DecompressesWhatGnuGzipMade()
    {
        using var vm = await TestVm.CreateAsync();

        var result = await vm.ShAsync(
            $"echo {GnuMade} | base64 -d > gnu.gz; zcat gnu.gz; gzip -l gnu.gz | tail -1 | tr -s ' '; "
            + "cp gnu.gz copy.gz; gunzip copy.gz; cat copy; gzip -dN gnu.gz; ls; cat original.txt; stat -c %Y original.txt");

        Assert.True(result.Code == 0 && result.Stdout ==
            "made by GNU gzip 1.12\nsecond member\n 89 14 -535.7% gnu\nmade by GNU gzip 1.12\nsecond member\n"
            + "copy\noriginal.txt\nmade by GNU gzip 1.12\nsecond member\n1614834367\n", result.ToString());
    }

    [Fact]
    public async Task ListRecursionAndOptions()
    {
        using var vm = await TestVm.CreateAsync();

        var result = await vm.ShAsync(
            "mkdir -p d/e; seq 100 > d/a; seq 200 > d/e/b; gzip -r d; ls d d/e; gzip -l d/a.gz d/e/b.gz | awk '{print $2, $NF}'; "
            + "gzip -dr d; ls d d/e; gzip -S .z d/a; ls d; gzip -d -S .z d/a.z; ls d; "
            + "gzip -x; echo bad $?; gzip d; echo dir $?; gzip nosuch; echo missing $?; gzip -dc nosuch; echo missing $?");

        Assert.True(result.Stdout ==
            "d:\na.gz\ne\n\nd/e:\nb.gz\nuncompressed uncompressed_name\n292 d/a\n692 d/e/b\n984 (totals)\n"
            + "d:\na\ne\n\nd/e:\nb\na.z\ne\na\ne\nbad 1\ndir 2\nmissing 1\nmissing 1\n", result.ToString());
        Assert.Contains("gzip: invalid option -- 'x'\n", result.Stderr);
        Assert.Contains("gzip: d is a directory -- ignored\n", result.Stderr);
        Assert.Contains("gzip: nosuch: No such file or directory\n", result.Stderr);
        Assert.Contains("gzip: nosuch.gz: No such file or directory\n", result.Stderr);
    }
}
