using System.Collections.Concurrent;
using Wasmtime;

namespace AgentOs.Wasm.Engines;

/// <summary>
/// The host process's Wasmtime engines: one per stack-size class, created on first use, shared by every VM.
/// All engines share the flags that affect compiled code (<see cref="CompilationProfile"/>), so one serialized
/// module loads into any of them. A dedicated thread advances every engine's epoch so stores can be interrupted.
/// </summary>
internal sealed class EngineProvider : IDisposable
{
    private readonly ConcurrentDictionary<long, Lazy<StackClassEngine>> _engines = new();
    private readonly Thread _epochThread;
    private readonly ManualResetEventSlim _stopTicking = new(false, spinCount: 0); // waits a tick at a time: spinning first only burns CPU
    private int _disposed;

    public EngineProvider(EngineOptions? options = null)
    {
        Options = options ?? new EngineOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(Options.PoolSlots);

        // Not a thread-pool timer: a host whose pool is starved (or a loaded machine) would delay ticks by seconds, and
        // with them kills, CPU accounting and RLIMIT_CPU (a charge spanning both limits skipped SIGXCPU).
        _epochThread = new Thread(static state => ((EngineProvider)state!).TickLoop())
        {
            IsBackground = true,
            Name = "AgentOs epoch",
        };
        _epochThread.Start(this);
    }

    /// <summary>
    /// The engine settings that change compiled code. Stack size is absent on purpose: Wasmtime loads a module
    /// serialized by an engine that differs only in max stack size (verified with 50.0.1).
    /// </summary>
    public static string CompilationProfile => "epoch=1;fuel=0;opt=speed;signals=1;cow=0";

    /// <summary>The Wasmtime package's build (its assembly's module version id, which ships with its native library),
    /// part of every compiled-module cache key; read without parsing attributes.</summary>
    public static Guid WasmtimeBuild { get; } = typeof(Engine).Module.ModuleVersionId;

    public EngineOptions Options { get; }

    /// <summary>The engine for a guest whose stack budget is <paramref name="maxWasmStackBytes"/>.</summary>
    public StackClassEngine Get(long maxWasmStackBytes)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var stackClass = StackClass.RoundUp(maxWasmStackBytes);
        return _engines.GetOrAdd(stackClass, static (size, self) => new Lazy<StackClassEngine>(() => self.Create(size)), this).Value;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Wait for an in-flight tick so it never touches a disposed engine.
        _stopTicking.Set();
        _epochThread.Join();
        _stopTicking.Dispose();

        foreach (var (_, lazy) in _engines)
        {
            if (lazy.IsValueCreated)
            {
                lazy.Value.Dispose();
            }
        }
    }

    private StackClassEngine Create(long stackBytes)
    {
        // new Engine(config) disposes the config, so each engine builds its own.
        var config = new Config().WithEpochInterruption(true);
        if (stackBytes > NativeConfig.DefaultAsyncStackBytes)
        {
            NativeConfig.SetAsyncStackSize(config, stackBytes + (1L << 20));
        }

        config.WithMaximumStackSize(checked((int)stackBytes));

        // Guest memories are placed by the host so every memory.grow is charged to the VM's maxMemoryBytes. That
        // needs Wasmtime's on-demand allocator (its pooling allocator ignores a memory creator); the pool slots
        // remain a cap on concurrent guests per engine.
        HostMemoryCreator.Install(config);
        return new StackClassEngine(new Engine(config), stackBytes, Options.PoolSlots);
    }

    private void TickLoop()
    {
        while (!_stopTicking.Wait(Options.EpochTick))
        {
            Tick();
        }
    }

    // Enumerating takes no locks; Values would take all of them every tick, and its first use constructs the
    // collections' EventSource (~25 ms of reflection, on the second core a CLI's start-up needs).
    private void Tick()
    {
        foreach (var (_, lazy) in _engines)
        {
            if (lazy.IsValueCreated)
            {
                lazy.Value.Engine.IncrementEpoch();
            }
        }
    }
}
