using AgentOs.Kernel.Packages;
using Microsoft.Win32.SafeHandles;

namespace AgentOs.Kernel.Tests.Packages;

/// <summary>Test-side file source (the kernel itself does no host I/O).</summary>
internal sealed class FilePackageSource : IPackageSource, IDisposable
{
    private readonly SafeFileHandle _handle;

    public FilePackageSource(string path)
    {
        _handle = File.OpenHandle(path);
        Length = RandomAccess.GetLength(_handle);
    }

    public long Length { get; }

    public int Read(long offset, Span<byte> buffer) => RandomAccess.Read(_handle, buffer, offset);

    public void Dispose() => _handle.Dispose();
}
