using AgentOs.Kernel.Packages;
using Microsoft.Win32.SafeHandles;

namespace AgentOs.Software;

/// <summary>An .aospkg file on the host, read with positional (thread-safe) reads.</summary>
internal sealed class FilePackageSource : IPackageSource, IDisposable
{
    private readonly SafeFileHandle _handle;

    public FilePackageSource(string path)
    {
        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        Length = RandomAccess.GetLength(_handle);
    }

    public long Length { get; }

    public int Read(long offset, Span<byte> buffer) => RandomAccess.Read(_handle, buffer, offset);

    public void Dispose() => _handle.Dispose();
}
