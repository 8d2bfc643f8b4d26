using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace AgentOs.Kernel.Vfs;

/// <summary>
/// Cryptographic random bytes for guests (<c>random_get</c>, <c>/dev/urandom</c>) from the host kernel's CSPRNG.
/// On Unix it reads the host's <c>/dev/urandom</c>: <see cref="RandomNumberGenerator"/> would load and initialise
/// OpenSSL there (~8 ms), and nearly every guest asks for randomness at start (Rust's std seeds its hash maps), so
/// that cost landed on a CLI's first spawn. Elsewhere, or should the device fail, <see cref="RandomNumberGenerator"/>.
/// Thread-safe; never throws for a guest's request.
/// </summary>
internal static class EntropySource
{
    private static readonly SafeFileHandle? Device = OpenDevice();

    /// <summary>Fills <paramref name="buffer"/> with cryptographic random bytes.</summary>
    public static void Fill(Span<byte> buffer)
    {
        if (Device is { } device)
        {
            try
            {
                while (!buffer.IsEmpty)
                {
                    // The device ignores the offset; a large read may return less (a signal), so loop.
                    var read = RandomAccess.Read(device, buffer, fileOffset: 0);
                    if (read <= 0)
                    {
                        break;
                    }

                    buffer = buffer[read..];
                }
            }
            catch (IOException)
            {
            }
        }

        if (!buffer.IsEmpty)
        {
            RandomNumberGenerator.Fill(buffer);
        }
    }

    private static SafeFileHandle? OpenDevice()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        try
        {
            // FileShare.ReadWrite: no advisory lock on a device every process shares.
            return File.OpenHandle("/dev/urandom", FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
