namespace AgentOs.Kernel.Packages;

/// <summary>
/// Random-access bytes of one .aospkg file. The kernel does no host I/O itself; the host supplies this (a file, a
/// memory buffer). Implementations must allow concurrent <see cref="Read"/> calls from several threads.
/// </summary>
internal interface IPackageSource
{
    /// <summary>Total length in bytes; fixed for the life of the source.</summary>
    long Length { get; }

    /// <summary>Reads up to <c>buffer.Length</c> bytes at <paramref name="offset"/>; returns 0 only at the end.</summary>
    int Read(long offset, Span<byte> buffer);
}
