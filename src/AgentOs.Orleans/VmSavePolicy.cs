namespace AgentOs.Orleans;

/// <summary>When a VM grain writes its state to the grain storage.</summary>
public enum VmSavePolicy
{
    /// <summary>After every call that may change the VM (exec, write) and on deactivation: a silo that dies loses at
    /// most the call in flight.</summary>
    AfterEveryChange,

    /// <summary>Only on deactivation (idle or silo shutdown): cheaper, but a silo that dies loses every change since
    /// the VM's activation.</summary>
    OnDeactivation,
}
