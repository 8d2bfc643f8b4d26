namespace AgentOs;

/// <summary>
/// A host directory shown in the VM at <see cref="GuestPath"/> (<c>--mount HOST:GUEST[:ro|rw|overlay]</c>).
/// The tree is copied into the VM's filesystem when the VM is created, so its bytes and inodes count against
/// <c>maxFilesystemBytes</c> and <c>maxInodeCount</c>. Host symbolic links are kept as links whose targets resolve in
/// the VM's namespace only (never to host paths); host devices, FIFOs and sockets are left out.
/// </summary>
/// <param name="HostPath">An existing host directory.</param>
/// <param name="GuestPath">An absolute VM path other than <c>/</c> and outside <c>/proc</c>; created if missing.</param>
/// <param name="Mode">Read-write (the default), read-only or overlay.</param>
public sealed record HostMount(string HostPath, string GuestPath, HostMountMode Mode = HostMountMode.ReadWrite)
{
    /// <summary>Parses <c>HOST:GUEST[:ro|rw|overlay]</c>.</summary>
    /// <exception cref="FormatException">The text is not in that shape or names an unknown mode.</exception>
    public static HostMount Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var mode = HostMountMode.ReadWrite;
        var rest = text;
        var last = text.LastIndexOf(':');
        if (last > 0 && text[(last + 1)..] is "ro" or "rw" or "overlay")
        {
            mode = text[(last + 1)..] switch
            {
                "ro" => HostMountMode.ReadOnly,
                "overlay" => HostMountMode.Overlay,
                _ => HostMountMode.ReadWrite,
            };
            rest = text[..last];
        }

        var separator = rest.LastIndexOf(':');
        if (separator <= 0 || separator == rest.Length - 1)
        {
            throw new FormatException($"mount \"{text}\": expected HOST:GUEST[:ro|rw|overlay].");
        }

        return new HostMount(rest[..separator], rest[(separator + 1)..], mode);
    }
}
