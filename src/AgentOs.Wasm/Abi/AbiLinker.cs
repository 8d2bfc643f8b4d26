using Wasmtime;

namespace AgentOs.Wasm.Abi;

/// <summary>
/// Builds the one Linker an engine shares across every process of every VM: the whole guest ABI inventory with
/// ENOSYS stubs, shadowed by the implemented imports. Functions are store-independent; per-process state comes
/// from the Store's data (<see cref="GuestContext"/>).
/// </summary>
internal static class AbiLinker
{
    public static Linker Create(Engine engine)
    {
        var linker = new Linker(engine) { AllowShadowing = true };
        DefineStubs(linker);
        foreach (var module in new[] { "wasi_snapshot_preview1", "wasi_unstable" })
        {
            WasiFdImports.Define(linker, module);
            WasiPathImports.Define(linker, module);
            WasiMiscImports.Define(linker, module);
        }

        HostProcessImports.Define(linker);
        HostFsImports.Define(linker);
        HostUserImports.Define(linker);
        HostTtyImports.Define(linker);
        HostNetImports.Define(linker);
        return linker;
    }

    private static void DefineStubs(Linker linker)
    {
        foreach (var function in AbiInventory.Functions)
        {
            var parameters = Kinds(function.Parameters);
            var results = Kinds(function.Results);
            var value = StubResult(function);
            linker.DefineFunction(function.Module, function.Name, (Caller caller, ReadOnlySpan<ValueBox> args, Span<ValueBox> res) =>
            {
                if (res.Length == 1)
                {
                    res[0] = results[0] == ValueKind.Int64 ? value : (ValueBox)(int)value;
                }
            }, parameters, results);
            if (function.Module == "wasi_snapshot_preview1")
            {
                linker.DefineFunction("wasi_unstable", function.Name, (Caller caller, ReadOnlySpan<ValueBox> args, Span<ValueBox> res) =>
                {
                    if (res.Length == 1)
                    {
                        res[0] = (int)value;
                    }
                }, parameters, results);
            }
        }
    }

    // Value-returning imports (spec §2.9 †) report failure by value; the rest return ENOSYS.
    private static long StubResult(AbiFunction function) => function.Name switch
    {
        "fd_size" or "path_size" or "fd_blocks" or "path_blocks" => -1,
        "fd_mode" or "path_mode" or "path_rdev" or "isatty" or "read" when function.Module is "host_fs" or "host_tty" => 0,
        _ => WasiTypes.E(Kernel.Errno.ENOSYS),
    };

    /// <summary><paramref name="count"/> i32 parameters, for the imports defined untyped.</summary>
    internal static ValueKind[] Int32s(int count) => Kinds(new string('i', count));

    // A loop, not LINQ: generic code over Wasmtime's enum is left to the JIT (~10 ms of a CLI's warm-up core).
    private static ValueKind[] Kinds(string signature)
    {
        var kinds = new ValueKind[signature.Length];
        for (var i = 0; i < kinds.Length; i++)
        {
            kinds[i] = signature[i] == 'I' ? ValueKind.Int64 : ValueKind.Int32;
        }

        return kinds;
    }
}
