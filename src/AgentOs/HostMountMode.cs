namespace AgentOs;

/// <summary>How a <see cref="HostMount"/> shares its host directory with the VM.</summary>
public enum HostMountMode
{
    /// <summary>The VM may change the tree; the changes are written back to the host directory when the VM is
    /// disposed (or on <see cref="AgentOsVm.SyncMountsAsync"/>), like <c>docker -v</c>.</summary>
    ReadWrite,

    /// <summary>Every change fails with EROFS.</summary>
    ReadOnly,

    /// <summary>Copy-on-write: the VM sees its own changes, the host directory is never modified. The changes can be
    /// taken out with <see cref="AgentOsVm.CopyOutAsync"/>.</summary>
    Overlay,
}
