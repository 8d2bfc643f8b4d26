using System.Text;
using AgentOs.Kernel;
using AgentOs.Kernel.Exec;
using AgentOs.Kernel.Fds;
using AgentOs.Kernel.Processes;
using AgentOs.Wasm.Abi;
using AgentOs.Wasm.Runtime;
using Microsoft.Extensions.Logging;
using Wasmtime;

namespace AgentOs.Wasm;

/// <summary>
/// Runs a VM's processes as WebAssembly guests: one dedicated thread per process, the shared ABI linker, and the
/// kernel told how each run ended (exit code, or the signal that already ended it).
/// </summary>
public sealed class WasmExecutor : IExecutor
{
    private readonly Kernel.Kernel _kernel;
    private readonly WasmRuntime _runtime;
    private readonly ILogger _logger;
    private static readonly TimeSpan MaxPark = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();

    // Guarded by _gate: guest threads still running, and the waiters for none.
    private int _running;
    private TaskCompletionSource? _idle;

    /// <summary>Creates the executor for <paramref name="kernel"/> and registers it as the kernel's executor.</summary>
    public WasmExecutor(Kernel.Kernel kernel, WasmRuntime runtime, ILogger? logger = null)
    {
        _kernel = kernel;
        _runtime = runtime;
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        kernel.Executor = this;
    }

    /// <summary>Completes when no guest thread of this VM runs any more (a killed guest unwinds within an epoch tick).</summary>
    public Task WhenIdle()
    {
        lock (_gate)
        {
            return _running == 0 ? Task.CompletedTask : (_idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    /// <inheritdoc/>
    public Errno Start(Process process, ExecImage image)
    {
        var limits = _kernel.Limits;
        var engine = _runtime.Engines.Get(limits.MaxWasmStackBytes);
        Module module;
        try
        {
            module = _runtime.Load(engine, image);
        }
        catch (WasmtimeException exception)
        {
            // Not a valid module for this runtime: the spawner sees "Exec format error", which alone does not say
            // what is wrong with the file, so the process's stderr (the spawner's, inherited) gets Wasmtime's reason.
            var line = $"agentos: {image.Path}: {CompileFailureReason(exception.Message)}\n";
            _kernel.Write(process, 2, Encoding.UTF8.GetBytes(line), out _);
            return Errno.ENOEXEC;
        }

        lock (_gate)
        {
            _running++;
        }

        var guest = GuestThread.TryStart(_runtime.Engines, new GuestThreadStart
        {
            Name = $"{_kernel.VmId}:{process.Pid}:{Path.GetFileName(image.Path)}",
            Body = thread => Run(thread, process, module),
            MaxWasmStackBytes = limits.MaxWasmStackBytes,
            MaxWasmMemoryBytes = limits.MaxWasmMemoryBytes,
            MemoryBudget = _kernel.MemoryGauge,
            Slots = _kernel.RunSlots,
            Kill = process.Interrupted,
            ChargeCpu = (nanoseconds, park) => ChargeCpu(process, nanoseconds, park),
            OnExit = outcome =>
            {
                Finish(process, outcome);
                Stopped();
            },
            Logger = _logger,
        });
        if (guest is null)
        {
            Stopped();
            return Errno.EAGAIN;
        }

        return Errno.Success;
    }

    // The VM's CPU share: a thread that finds the VM over it sleeps (a kill still ends the sleep at once). Parks
    // are capped so a large debt is repaid over several ticks rather than one long sleep.
    private void ChargeCpu(Process process, long nanoseconds, bool park)
    {
        var wait = _kernel.ChargeCpu(process, nanoseconds);
        if (!park || wait <= TimeSpan.Zero)
        {
            return;
        }

        if (wait > MaxPark)
        {
            wait = MaxPark;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        Kernel.Threading.KernelWait.WillBlock();
        process.Interrupted.WaitHandle.WaitOne(wait);
        _kernel.Cpu.AddThrottled(System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    private void Stopped()
    {
        TaskCompletionSource? idle = null;
        lock (_gate)
        {
            if (--_running == 0)
            {
                (idle, _idle) = (_idle, null);
            }
        }

        idle?.TrySetResult();
    }

    private void Run(GuestThread thread, Process process, Module module)
    {
        while (true)
        {
            var abi = ModuleAbi.Of(module);
            var linker = _runtime.LinkerFor(thread.Engine, module, abi);
            if (abi.PlainWasi)
            {
                OpenPlainPreopen(process);
            }

            var context = new GuestContext(_kernel, process, abi.PlainWasi);
            var store = thread.CreateStore(context);
            var instance = linker.Instantiate(store, module);
            context.Memory = instance.GetMemory("memory") ?? throw new WasmtimeException("The module exports no memory.");
            var entry = instance.GetAction("_start") ?? throw new WasmtimeException("The module exports no _start.");
            try
            {
                entry();
                return;
            }
            catch (WasmtimeException ex) when (ex.InnerException is GuestExecException exec)
            {
                // exec: same process, same thread, new image; the old instance is gone with its store.
                store.Dispose();
                module = _runtime.Load(thread.Engine, exec.Image);
            }
        }
    }

    // A plain WASI program finds "/" at fd 3, as under `wasmtime --dir /`; whatever fd 3 held is replaced (a WASI
    // runtime passes only stdio). Should the open fail (descriptor limit), the program runs without a preopen and
    // its path calls fail as they would in any runtime without one.
    private void OpenPlainPreopen(Process process)
    {
        if (_kernel.OpenAt(process, Kernel.Kernel.AtRoot, "/", OpenFlags.ReadOnly | OpenFlags.Directory, 0, out var fd) != Errno.Success || fd == WasiTypes.PlainPreopenFd)
        {
            return;
        }

        if (_kernel.Renumber(process, fd, WasiTypes.PlainPreopenFd) != Errno.Success)
        {
            _kernel.Close(process, fd);
        }
    }

    /// <summary>Wasmtime's "failed to parse…" plus its "Caused by" lines, on one line.</summary>
    private static string CompileFailureReason(string message) => string.Join(
        ": ",
        message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line != "Caused by:")
            .Select(line => line.TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ' ')));

    private void Finish(Process process, GuestOutcome outcome)
    {
        if (process.IsTerminating)
        {
            // A signal already ended the process in the kernel (its status is the signal); nothing to report.
            return;
        }

        if (outcome.Message is { } message)
        {
            // The guest's own stderr gets the reason, e.g. the stack budget and the limit that raises it.
            var bytes = Encoding.UTF8.GetBytes(message + "\n");
            _kernel.Write(process, 2, bytes, out _);
        }

        var code = outcome.Kind switch
        {
            GuestOutcomeKind.Returned => 0,
            GuestOutcomeKind.Exited => outcome.ExitCode,
            _ => outcome.ExitCode == 0 ? 1 : outcome.ExitCode,
        };
        _kernel.ExitProcess(process, ExitStatus.Exited(code));
    }
}
