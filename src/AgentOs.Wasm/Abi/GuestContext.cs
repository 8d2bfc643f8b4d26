using System.Text;
using AgentOs.Kernel.Processes;
using AgentOs.Kernel.Threading;
using AgentOs.Wasm.Runtime;

namespace AgentOs.Wasm.Abi;

/// <summary>
/// Per-process state of a running guest, stored as the Wasmtime Store's data so every host call finds its
/// process with one <c>Caller.GetData()</c>. Only the guest's own thread touches it.
/// </summary>
internal sealed class GuestContext
{
    public GuestContext(Kernel.Kernel kernel, Process process, bool plainWasi)
    {
        Kernel = kernel;
        Process = process;
        PlainWasi = plainWasi;
        Arguments = Encode(process.Arguments);
        Environment = Encode(process.Environment);
        FrozenRealtimeNs = kernel.Options.Time.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000;
    }

    public Kernel.Kernel Kernel { get; }

    public Process Process { get; }

    /// <summary>A plain WASI program (<see cref="ModuleAbi.PlainWasi"/>): its preopen is the real fd 3, not the
    /// hidden tagged one.</summary>
    public bool PlainWasi { get; }

    /// <summary>The guest's exported linear memory; set once after instantiation.</summary>
    public Wasmtime.Memory? Memory { get; set; }

    /// <summary>argv as UTF-8, each without its NUL.</summary>
    public byte[][] Arguments { get; }

    /// <summary>environ as UTF-8 "K=V", each without its NUL.</summary>
    public byte[][] Environment { get; }

    /// <summary>The creation mode latched by host_fs.set_open_mode for the next path_open (one-shot).</summary>
    public uint? PendingOpenMode { get; set; }

    /// <summary>The wall clock frozen when the execution started (timing side-channel mitigation, spec §2.2).</summary>
    public long FrozenRealtimeNs { get; }

    /// <summary>Blocking waits of this guest end when its process is signalled or killed.</summary>
    public WaitContext Wait => new(Process.Interrupted);

    /// <summary>proc_exit: never returns.</summary>
    public static void Exit(int code) => throw new GuestExitException(code);

    /// <summary>After a blocking call: a process killed meanwhile must not run on; unwind it.</summary>
    public void ThrowIfTerminated()
    {
        if (Process.IsTerminating)
        {
            throw new GuestInterruptedException();
        }
    }

    public GuestMemory GetMemory() =>
        new(Memory ?? throw new InvalidOperationException("Guest memory is not bound yet."));

    private static byte[][] Encode(IReadOnlyList<string> values)
    {
        var result = new byte[values.Count][];
        for (var i = 0; i < values.Count; i++)
        {
            result[i] = Encoding.UTF8.GetBytes(values[i]);
        }

        return result;
    }
}
