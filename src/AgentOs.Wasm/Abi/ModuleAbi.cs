using System.Runtime.CompilerServices;
using Wasmtime;

namespace AgentOs.Wasm.Abi;

/// <summary>
/// Which ABI a module speaks, read once from its imports. Every agentOS program imports from at least one
/// <c>host_*</c> module (spec §2.9: all 101 published binaries import <c>host_net</c> or more); a module importing
/// none of them is a plain wasm32-wasip1 program (stock wasi-libc, Rust std) and gets what a WASI runtime gives it:
/// a real preopen of "/" at fd 3 instead of agentOS's hidden tagged one.
/// </summary>
internal sealed class ModuleAbi
{
    private static readonly ConditionalWeakTable<Module, ModuleAbi> Cache = [];

    private static readonly HashSet<(string Module, string Name)> Known = BuildKnown();

    private ModuleAbi(bool plainWasi, IReadOnlyList<FunctionImport> unknownFunctions)
    {
        PlainWasi = plainWasi;
        UnknownFunctions = unknownFunctions;
    }

    /// <summary>The module imports nothing from the agentOS <c>host_*</c> modules.</summary>
    public bool PlainWasi { get; }

    /// <summary>Functions the module imports that this host does not define (only looked for in plain programs:
    /// agentOS programs import from the inventory, which is linked whole). Other unknown imports (memories, tables,
    /// globals) cannot be stood in for and fail the start.</summary>
    public IReadOnlyList<FunctionImport> UnknownFunctions { get; }

    public static ModuleAbi Of(Module module) => Cache.GetValue(module, Read);

    private static ModuleAbi Read(Module module)
    {
        var imports = module.Imports;
        if (imports.Any(i => i.ModuleName.StartsWith("host_", StringComparison.Ordinal)))
        {
            return new(plainWasi: false, []);
        }

        return new(plainWasi: true, imports.OfType<FunctionImport>().Where(i => !Known.Contains((i.ModuleName, i.Name))).ToArray());
    }

    private static HashSet<(string, string)> BuildKnown()
    {
        var known = new HashSet<(string, string)>();
        foreach (var function in AbiInventory.Functions)
        {
            known.Add((function.Module, function.Name));
        }

        foreach (var name in WasiMiscImports.Preview1Extras)
        {
            known.Add(("wasi_snapshot_preview1", name));
        }

        foreach (var (module, name) in known.ToArray())
        {
            if (module == "wasi_snapshot_preview1")
            {
                known.Add(("wasi_unstable", name));
            }
        }

        return known;
    }
}
