namespace AgentOs.Wasm.Abi;

/// <summary>One import of the guest ABI: parameter and result kinds as <c>i</c> (i32) / <c>I</c> (i64) strings.</summary>
internal sealed record AbiFunction(string Module, string Name, string Parameters, string Results);
