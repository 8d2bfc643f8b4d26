using System.Buffers.Binary;
using System.Text;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Net;
using AgentOs.Testing;

namespace AgentOs.Kernel.Tests.Net;

/// <summary>PTR/SSHFP record queries (net_dns_query_rr_v1) against a fake DNS server on this machine's loopback.</summary>
public sealed class DnsRecordQueryTests : IDisposable
{
    private readonly FakeDnsServer _server = FakeDnsServer.WithTestRecords();

    public void Dispose() => _server.Dispose();

    [Fact]
    public void PtrAnswerIsTheTargetNameAsDottedTextWithItsTtl()
    {
        var vm = NewVm();

        Assert.Equal(Errno.Success, vm.Kernel.QueryDnsRecords(vm.Process, "4.3.2.1.in-addr.arpa.", Kernel.DnsTypePtr, out var answer));

        Assert.Equal(DnsAnswerFlags.None, answer!.Flags);
        Assert.Equal(300u, answer.TimeToLive);
        var text = Encoding.ASCII.GetBytes("host.example.test.");
        byte[] expected = [1, 0, 0, 0, (byte)text.Length, 0, 0, 0, .. text];
        Assert.Equal(expected, answer.ToPayload());
        Assert.Equal(expected.Length, answer.PayloadLength);
    }

    [Fact]
    public void SshfpRecordsCarryRawRdataAndTheMinimumTtl()
    {
        var vm = NewVm();

        Assert.Equal(Errno.Success, vm.Kernel.QueryDnsRecords(vm.Process, "ssh.example.test", Kernel.DnsTypeSshfp, out var answer));

        Assert.Equal(120u, answer!.TimeToLive);
        Assert.Equal(DnsAnswerFlags.None, answer.Flags);
        var payload = answer.ToPayload();
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(payload));
        var first = FakeDnsServer.SshfpData(1, 2, 0x11);
        var second = FakeDnsServer.SshfpData(4, 1, 0x22);
        byte[] expected = [2, 0, 0, 0, (byte)first.Length, 0, 0, 0, .. first, (byte)second.Length, 0, 0, 0, .. second];
        Assert.Equal(expected, payload);
    }

    [Fact]
    public void AnUnknownNameIsNxdomainWithNoRecords()
    {
        var vm = NewVm();

        Assert.Equal(Errno.Success, vm.Kernel.QueryDnsRecords(vm.Process, "missing.example.test.", Kernel.DnsTypeSshfp, out var answer));

        Assert.Equal(DnsAnswerFlags.NxDomain, answer!.Flags);
        Assert.Equal(0u, answer.TimeToLive);
        Assert.Equal([0, 0, 0, 0], answer.ToPayload());
    }

    [Fact]
    public void ANameWithoutRecordsOfTheTypeIsNodata()
    {
        var vm = NewVm();

        Assert.Equal(Errno.Success, vm.Kernel.QueryDnsRecords(vm.Process, "ssh.example.test", Kernel.DnsTypePtr, out var answer));

        Assert.Equal(DnsAnswerFlags.NoData, answer!.Flags);
        Assert.Empty(answer.Records);
        Assert.Equal(0u, answer.TimeToLive);
    }

    [Fact]
    public void ANameWithoutAnAllowRuleIsEaccesAndNothingIsAsked()
    {
        var vm = NewVm(rules: ["*.example.test"]);

        Assert.Equal(Errno.EACCES, vm.Kernel.QueryDnsRecords(vm.Process, "4.3.2.1.in-addr.arpa.", Kernel.DnsTypePtr, out var answer));

        Assert.Null(answer);
        Assert.Equal(0, _server.Queries);
    }

    [Theory]
    [InlineData(1)] // A
    [InlineData(28)] // AAAA
    [InlineData(16)] // TXT
    public void OtherRecordTypesAreEopnotsupp(int type)
    {
        var vm = NewVm();

        Assert.Equal(Errno.EOPNOTSUPP, vm.Kernel.QueryDnsRecords(vm.Process, "ssh.example.test", type, out _));
        Assert.Equal(0, _server.Queries);
    }

    [Fact]
    public void ANameOver253BytesOrWithAnEmptyOrOverlongLabelIsEinvalAndATrailingDotDoesNotCount()
    {
        var vm = NewVm(rules: ["*"]);
        var name253 = string.Join('.', Enumerable.Repeat(new string('a', 63), 3)) + "." + new string('b', 61);
        Assert.Equal(253, name253.Length);

        Assert.Equal(Errno.EINVAL, vm.Kernel.QueryDnsRecords(vm.Process, name253 + "b", Kernel.DnsTypePtr, out _));
        Assert.Equal(Errno.EINVAL, vm.Kernel.QueryDnsRecords(vm.Process, ".", Kernel.DnsTypePtr, out _));
        Assert.Equal(Errno.EINVAL, vm.Kernel.QueryDnsRecords(vm.Process, new string('a', 64) + ".example.test", Kernel.DnsTypePtr, out _));
        Assert.Equal(Errno.EINVAL, vm.Kernel.QueryDnsRecords(vm.Process, "a..example.test", Kernel.DnsTypePtr, out _));
        Assert.Equal(0, _server.Queries);
        Assert.Equal(Errno.Success, vm.Kernel.QueryDnsRecords(vm.Process, name253 + ".", Kernel.DnsTypePtr, out var answer));
        Assert.Equal(DnsAnswerFlags.NxDomain, answer!.Flags);
    }

    [Fact]
    public void AServerFailureIsEio()
    {
        var vm = NewVm();

        Assert.Equal(Errno.EIO, vm.Kernel.QueryDnsRecords(vm.Process, FakeDnsServer.ServerFailureName, Kernel.DnsTypeSshfp, out var answer));
        Assert.Null(answer);
    }

    [Fact]
    public void AServerThatNeverAnswersIsEtimedoutAtMaxBlockingReadMs()
    {
        _server.Silent = true;
        var vm = NewVm(new ResourceLimits { MaxBlockingReadMs = 1000 });

        Assert.Equal(Errno.ETIMEDOUT, vm.Kernel.QueryDnsRecords(vm.Process, "ssh.example.test", Kernel.DnsTypeSshfp, out _));
        NetTestVm.Until(() => _server.Queries >= 1); // the query went out; the server's loop may count it a little later
    }

    [Fact]
    public async Task ASignalEndsAWaitingQueryWithEintr()
    {
        _server.Silent = true;
        var vm = NewVm();
        var query = Task.Run(() => vm.Kernel.QueryDnsRecords(vm.Process, "ssh.example.test", Kernel.DnsTypeSshfp, out _));
        NetTestVm.Until(() => _server.Queries >= 1);

        vm.Process.CancelInterrupted();

        Assert.Equal(Errno.EINTR, await query.WaitAsync(NetTestVm.Generous));
    }

    [Fact]
    public void EachQueryReachesTheServerBecauseNothingIsCached()
    {
        var vm = NewVm();

        Assert.Equal(Errno.Success, vm.Kernel.QueryDnsRecords(vm.Process, "ssh.example.test", Kernel.DnsTypeSshfp, out _));
        Assert.Equal(Errno.Success, vm.Kernel.QueryDnsRecords(vm.Process, "ssh.example.test", Kernel.DnsTypeSshfp, out _));

        Assert.Equal(2, _server.Queries);
    }

    [Theory]
    [InlineData("192.0.2.1", "192.0.2.1:53")]
    [InlineData(" 192.0.2.1:5353 ", "192.0.2.1:5353")]
    [InlineData("2001:db8::1", "[2001:db8::1]:53")]
    [InlineData("[2001:db8::1]", "[2001:db8::1]:53")]
    [InlineData("[2001:db8::1]:5353", "[2001:db8::1]:5353")]
    public void DnsServersAreIpWithAnOptionalPortDefaulting53(string text, string expected) =>
        Assert.Equal(expected, HostDns.ParseServer(text).ToString());

    [Theory]
    [InlineData("dns.example.com")]
    [InlineData("192.0.2.1:0")]
    [InlineData("192.0.2.1:65536")]
    [InlineData("[2001:db8::1]:x")]
    [InlineData("")]
    public void MalformedDnsServersAreRejected(string text) =>
        Assert.Throws<FormatException>(() => HostDns.ParseServer(text));

    private NetTestVm NewVm(ResourceLimits? limits = null, string[]? rules = null)
    {
        var vm = new NetTestVm(limits);
        vm.Kernel.NetworkPolicy = new NetworkPolicy(rules ?? ["*.in-addr.arpa", "*.example.test"]);
        vm.Kernel.DnsServers = [_server.EndPoint];
        return vm;
    }
}
