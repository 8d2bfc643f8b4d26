using System.Text;
using AgentOs.Kernel.Net;
using AgentOs.Testing;
using AgentOs.Wasm.Tests.Executor;

namespace AgentOs.Wasm.Tests.Net;

/// <summary>net_dns_query_rr_v1 from a real C guest, answered by a fake DNS server on this machine's loopback.</summary>
public sealed class GuestDnsTests : IDisposable
{
    private readonly FakeDnsServer _server = FakeDnsServer.WithTestRecords();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task PtrQueryReturnsTheTargetNameAsTextWithCountLengthAndTtl()
    {
        using var vm = NewVm();

        var stdout = await DnsRrAsync(vm, "4.3.2.1.in-addr.arpa.", 12, 4096);

        var name = Convert.ToHexStringLower(Encoding.ASCII.GetBytes("host.example.test."));
        Assert.Equal($"count 1 len 26 ttl 300 flags 0\nrr 18 {name}\n", stdout);
    }

    [Fact]
    public async Task SshfpQueryReturnsRawRdataAndTheMinimumTtl()
    {
        using var vm = NewVm();

        var stdout = await DnsRrAsync(vm, "ssh.example.test.", 44, 4096);

        var first = Convert.ToHexStringLower(FakeDnsServer.SshfpData(1, 2, 0x11));
        var second = Convert.ToHexStringLower(FakeDnsServer.SshfpData(4, 1, 0x22));
        Assert.Equal($"count 2 len 68 ttl 120 flags 0\nrr 34 {first}\nrr 22 {second}\n", stdout);
    }

    [Fact]
    public async Task ABufferOneByteShortIsEnobufsWithTheFullLengthAndNothingElseWritten()
    {
        using var vm = NewVm();

        Assert.Equal("dnsrr errno 42 len 68 untouched\n", await DnsRrAsync(vm, "ssh.example.test.", 44, 67));
        Assert.StartsWith("count 2 len 68 ", await DnsRrAsync(vm, "ssh.example.test.", 44, 68), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NxdomainAndNodataSucceedWithNoRecordsAndTheirFlag()
    {
        using var vm = NewVm();

        Assert.Equal("count 0 len 4 ttl 0 flags 2\n", await DnsRrAsync(vm, "missing.example.test.", 44, 4096));
        Assert.Equal("count 0 len 4 ttl 0 flags 4\n", await DnsRrAsync(vm, "ssh.example.test.", 12, 4096));
    }

    [Fact]
    public async Task PolicyAndArgumentErrorsReachTheGuestWithoutAQuery()
    {
        using var vm = NewVm();
        var longName = string.Join('.', Enumerable.Repeat(new string('a', 63), 4)) + ".";

        Assert.Equal("dnsrr errno 2 len 4294967295 untouched\n", await DnsRrAsync(vm, "ssh.other.test.", 44, 4096)); // EACCES
        Assert.Equal("dnsrr errno 58 len 4294967295 untouched\n", await DnsRrAsync(vm, "ssh.example.test.", 1, 4096)); // ENOTSUP
        Assert.Equal("dnsrr errno 28 len 4294967295 untouched\n", await DnsRrAsync(vm, longName, 12, 4096)); // EINVAL
        Assert.Equal(0, _server.Queries);
    }

    [Fact]
    public async Task ABadOutputPointerIsEfaultBeforeAnyQuery()
    {
        using var vm = NewVm();
        vm.Install("/bin/probe", """
            (module
              (import "host_net" "net_dns_query_rr_v1" (func $query (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (data (i32.const 0) "ssh.example.test.")
              (func (export "_start")
                ;; each of out+cap, len_out, ttl_out, flags_out out of bounds in turn: EFAULT (21)
                (if (i32.ne (call $query (i32.const 0) (i32.const 17) (i32.const 44) (i32.const 65000) (i32.const 4096) (i32.const 100) (i32.const 104) (i32.const 108)) (i32.const 21))
                  (then (call $exit (i32.const 1))))
                (if (i32.ne (call $query (i32.const 0) (i32.const 17) (i32.const 44) (i32.const 200) (i32.const 64) (i32.const -4) (i32.const 104) (i32.const 108)) (i32.const 21))
                  (then (call $exit (i32.const 2))))
                (if (i32.ne (call $query (i32.const 0) (i32.const 17) (i32.const 44) (i32.const 200) (i32.const 64) (i32.const 100) (i32.const 65534) (i32.const 108)) (i32.const 21))
                  (then (call $exit (i32.const 3))))
                (if (i32.ne (call $query (i32.const 0) (i32.const 17) (i32.const 44) (i32.const 200) (i32.const 64) (i32.const 100) (i32.const 104) (i32.const 65536)) (i32.const 21))
                  (then (call $exit (i32.const 4))))
                (if (i32.ne (call $query (i32.const 65530) (i32.const 17) (i32.const 44) (i32.const 200) (i32.const 64) (i32.const 100) (i32.const 104) (i32.const 108)) (i32.const 21))
                  (then (call $exit (i32.const 5))))
                (if (i32.ne (i32.load (i32.const 100)) (i32.const 0))
                  (then (call $exit (i32.const 6))))
                (call $exit (i32.const 0))))
            """);

        var (status, _, _) = await vm.RunAsync("probe");

        Assert.Equal(0, status.Code);
        Assert.Equal(0, _server.Queries);
    }

    private ExecutorHarness NewVm()
    {
        var vm = new ExecutorHarness();
        vm.InstallBytes("/bin/nettest", CGuests.Load("nettest"));
        vm.Kernel.NetworkPolicy = new NetworkPolicy(["*.in-addr.arpa", "*.example.test"]);
        vm.Kernel.DnsServers = [_server.EndPoint];
        return vm;
    }

    private static async Task<string> DnsRrAsync(ExecutorHarness vm, string name, int type, int capacity)
    {
        var (status, stdout, stderr) = await vm.RunAsync("nettest", "dnsrr", name, type.ToString(System.Globalization.CultureInfo.InvariantCulture),
            capacity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(status.Code == 0, stderr);
        return stdout;
    }
}
