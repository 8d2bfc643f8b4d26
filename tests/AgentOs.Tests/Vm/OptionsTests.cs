using System.Text;
using AgentOs.Kernel.Limits;
using AgentOs.Software;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentOs.Tests.Vm;

public sealed class OptionsTests
{
    private const string Json = """
        {
          "AgentOs": {
            "software": ["coreutils"],
            "defaultSoftware": false,
            "cwd": "/home/agentos",
            "user": "root",
            "env": { "GREETING": "hi" },
            "limits": {
              "resources": { "maxProcesses": 64, "maxOpenFds": 128, "maxFilesystemBytes": 268435456 },
              "process": { "maxCapturedOutputBytes": 4096 }
            }
          }
        }
        """;

    [Fact]
    public async Task InvalidLimitFailsCreationNamingTheFieldBeforeResolvingSoftware()
    {
        var options = VmOptions.Create(new ResourceLimits { MaxProcesses = 0 }, o => o.Software = ["/does/not/exist.aospkg"]);
        var ex = await Assert.ThrowsAsync<LimitConfigurationException>(() => AgentOsVm.CreateAsync(options));
        Assert.Equal("limits.resources.maxProcesses", ex.ConfigPath);
        Assert.Contains("limits.resources.maxProcesses", ex.Message);

        var process = VmOptions.Create(configure: o => o.Limits.Process.MaxCapturedOutputBytes = -1);
        var ex2 = await Assert.ThrowsAsync<LimitConfigurationException>(() => AgentOsVm.CreateAsync(process));
        Assert.Equal("limits.process.maxCapturedOutputBytes", ex2.ConfigPath);
    }

    [Fact]
    public async Task MissingLocalSoftwareFailsWithASoftwareException()
    {
        var options = VmOptions.Create(configure: o => o.Software = ["/does/not/exist.aospkg"]);
        var ex = await Assert.ThrowsAsync<SoftwareException>(() => AgentOsVm.CreateAsync(options));
        Assert.Contains("/does/not/exist.aospkg", ex.Message);
    }

    [Fact]
    public void OptionsBindFromJsonInTheAgentOsShape()
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Json))).Build();
        var options = AgentOsConfiguration.Load(configuration.GetSection("AgentOs"));
        Assert.Equal(["coreutils"], options.Software);
        Assert.False(options.DefaultSoftware);
        Assert.Equal("/home/agentos", options.Cwd);
        Assert.Equal(VmUser.Root, options.User);
        Assert.Equal("hi", options.Env["GREETING"]);
        Assert.Equal(64, options.Limits.Resources.MaxProcesses);
        Assert.Equal(128, options.Limits.Resources.MaxOpenFds);
        Assert.Equal(268435456, options.Limits.Resources.MaxFilesystemBytes);
        Assert.Null(options.Limits.Resources.MaxPipes);
        Assert.Equal(4096, options.Limits.Process.MaxCapturedOutputBytes);
    }

    [Fact]
    public async Task AddAgentOsRegistersAFactoryUsingBoundOptions()
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(Json))).Build();
        var services = new ServiceCollection();
        services.AddAgentOs(configuration.GetSection("AgentOs"), o => o.CacheDirectory = Software.TestPackageCache.Directory);
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IAgentOsVmFactory>();
        await using var vm = await factory.CreateAsync();

        Assert.Equal(64, vm.Limits.MaxProcesses);
        Assert.Equal(128, vm.Limits.MaxOpenFds);
        Assert.Equal(128, vm.Limits.MaxPipes);
        Assert.Equal(["coreutils"], vm.Software.Select(p => p.Name));
        var result = await vm.ExecAsync("echo $GREETING; id -u; pwd");
        Assert.Equal("hi\n0\n/home/agentos\n", result.Stdout);
    }

    [Fact]
    public async Task AddAgentOsWithADelegateConfiguresTheFactory()
    {
        var services = new ServiceCollection();
        services.AddAgentOs(o =>
        {
            o.CacheDirectory = Software.TestPackageCache.Directory;
            o.Limits.Resources.MaxProcesses = 5;
        });
        await using var provider = services.BuildServiceProvider();
        await using var vm = await provider.GetRequiredService<IAgentOsVmFactory>().CreateAsync();
        Assert.Equal(5, vm.Limits.MaxProcesses);
    }

    [Theory]
    [InlineData("""{"limits":{"resources":{"maxProcesss":1}}}""", "limits.resources.maxProcesss", "limits.resources.maxProcesss is not a known limit (known: maxProcesses, ")]
    [InlineData("""{"limits":{"proces":{}}}""", "limits.proces", "limits.proces is not a known limit (known: resources, process)")]
    [InlineData("""{"netwrk":{}}""", "netwrk", "netwrk is not a known option (known: software, defaultSoftware, limits, network, env, mounts, cwd, user, vmId, cacheDirectory, registry)")]
    [InlineData("""{"network":{"allowHosts":["x"]}}""", "network.allowHosts", "network.allowHosts is not a known option (known: allowedHosts, dnsServers)")]
    public void UnknownConfigurationKeysAreRefusedNamingTheirPath(string json, string path, string message)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var ex = Assert.Throws<LimitConfigurationException>(() => AgentOsConfiguration.Load(configuration));
        Assert.Equal(path, ex.ConfigPath);
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DependencyInjectionValidatesOnStartWithTheMessageCreateAsyncGives()
    {
        var created = await Assert.ThrowsAsync<LimitConfigurationException>(() => AgentOsVm.CreateAsync(VmOptions.Create(new ResourceLimits { MaxProcesses = 0 })));
        var services = new ServiceCollection();
        services.AddAgentOs(o => o.Limits.Resources.MaxProcesses = 0);
        await using var provider = services.BuildServiceProvider();

        var onStart = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            provider.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate());
        Assert.Equal(created.Message.Replace(" (Parameter 'limits.resources.maxProcesses')", "", StringComparison.Ordinal), Assert.Single(onStart.Failures));
        await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredService<IAgentOsVmFactory>().CreateAsync());
    }

    [Fact]
    public async Task UnderDependencyInjectionTheMeterComesFromTheContainersMeterFactory()
    {
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddAgentOs(o => o.CacheDirectory = Software.TestPackageCache.Directory);
        await using var provider = services.BuildServiceProvider();
        var meterFactory = provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        await using var vm = await provider.GetRequiredService<IAgentOsVmFactory>().CreateAsync();

        var seen = new System.Collections.Concurrent.ConcurrentBag<(string Instrument, string? Unit, string Limit)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "AgentOs" && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "limit" && Equals(tags.ToArray().Single(t => t.Key == "vm.id").Value, vm.Id))
                {
                    seen.Add((instrument.Name, instrument.Unit, (string)tag.Value!));
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();

        Assert.Contains(("agentos.limit.capacity", "{item}", LimitNames.Processes), seen);
        Assert.Contains(("agentos.limit.bytes.capacity", "By", LimitNames.FilesystemBytes), seen);
        Assert.DoesNotContain(seen, m => m.Instrument == "agentos.limit.capacity" && m.Limit == LimitNames.FilesystemBytes);
    }
}
