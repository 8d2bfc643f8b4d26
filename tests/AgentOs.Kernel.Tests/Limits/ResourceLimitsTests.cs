using AgentOs.Kernel.Limits;

namespace AgentOs.Kernel.Tests.Limits;

public sealed class ResourceLimitsTests
{
    [Fact]
    public void UnsetFieldsTakeTheSecureDefaults()
    {
        var limits = new ResourceLimits().Resolve();

        Assert.Equal(256, limits.MaxProcesses);
        Assert.Equal(1024, limits.MaxOpenFds);
        Assert.Equal(128, limits.MaxPipes);
        Assert.Equal(256, limits.MaxSockets);
        Assert.Equal(256, limits.MaxConnections);
        Assert.Equal(64L << 20, limits.MaxFilesystemBytes);
        Assert.Equal(16_384, limits.MaxInodeCount);
        Assert.Equal(128L << 20, limits.MaxWasmMemoryBytes);
        Assert.Equal(30_000, limits.MaxBlockingReadMs);
        Assert.Equal(1 << 20, limits.MaxProcessArgvBytes);
        Assert.Equal(1 << 20, limits.MaxProcessEnvBytes);
    }

    [Fact]
    public void SetFieldsOverrideOnlyThemselves()
    {
        var limits = new ResourceLimits { MaxProcesses = 64, MaxWasmStackBytes = 4 << 20 }.Resolve();

        Assert.Equal(64, limits.MaxProcesses);
        Assert.Equal(4L << 20, limits.MaxWasmStackBytes);
        Assert.Equal(1024, limits.MaxOpenFds);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10_000_000)]
    public void InvalidValuesFailNamingTheField(int value)
    {
        var ex = Assert.Throws<LimitConfigurationException>(() => new ResourceLimits { MaxProcesses = value }.Resolve());

        Assert.Equal("limits.resources.maxProcesses", ex.ConfigPath);
        Assert.Contains("limits.resources.maxProcesses", ex.Message, StringComparison.Ordinal);
        Assert.Contains(value.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(5000.0)]
    public void InvalidCpuSharesFailNamingTheField(double value)
    {
        var ex = Assert.Throws<LimitConfigurationException>(() => new ResourceLimits { MaxCpuCores = value }.Resolve());

        Assert.Equal("limits.resources.maxCpuCores", ex.ConfigPath);
    }

    [Fact]
    public void CpuShareDefaultsToOneCoreAndTakesFractions()
    {
        Assert.Equal(1.0, new ResourceLimits().Resolve().MaxCpuCores);
        Assert.Equal(0.25, new ResourceLimits { MaxCpuCores = 0.25 }.Resolve().MaxCpuCores);
    }

    [Fact]
    public void NegativeFilesystemBytesIsRejected()
    {
        var ex = Assert.Throws<LimitConfigurationException>(() => new ResourceLimits { MaxFilesystemBytes = -5 }.Resolve());
        Assert.Equal("limits.resources.maxFilesystemBytes", ex.ConfigPath);
    }

    [Fact]
    public void KernelRegistersAGaugePerCapWithItsConfigPath()
    {
        var kernel = new Kernel(new KernelOptions { Limits = new ResourceLimits { MaxOpenFds = 10 }.Resolve() });

        var fds = kernel.Registry.Find(LimitNames.OpenFds);
        Assert.NotNull(fds);
        Assert.Equal(10, fds.Capacity);
        Assert.Equal("limits.resources.maxOpenFds", fds.ConfigPath);
        Assert.Contains(kernel.Registry.Snapshot(), u => u.Limit == LimitNames.FilesystemBytes && u.Capacity == 64L << 20);
    }
}
