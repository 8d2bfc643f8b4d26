namespace AgentOs.Wasm.Runtime;

/// <summary>
/// Thrown by the stand-in of an import the VM does not provide (a plain WASI module's extra imports link, and trap
/// only when called, as under wasmtime's <c>--trap-unknown-imports</c>); ends the guest with a message naming it.
/// </summary>
internal sealed class GuestMissingImportException(string import) : Exception("guest called " + import + ", which this VM does not provide")
{
    /// <summary>The import as <c>module.name</c>.</summary>
    public string Import { get; } = import;
}
