namespace AgentOs.Wasm.Abi;

/// <summary>One validated guest buffer of a preview1 iovec array.</summary>
internal readonly record struct Iovec(int Address, int Length);
