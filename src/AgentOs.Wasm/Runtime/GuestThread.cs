using AgentOs.Kernel.Threading;
using AgentOs.Wasm.Engines;
using Microsoft.Extensions.Logging;
using Wasmtime;

namespace AgentOs.Wasm.Runtime;

/// <summary>
/// One guest process = one dedicated thread. Wasm runs on the calling thread's native stack, so the thread gets the
/// wasm budget plus host room (<see cref="StackClassEngine.ThreadStackBytes"/>); a smaller thread would die with a
/// .NET stack overflow instead of a clean trap. Holds one pool slot of its engine for its whole life.
/// </summary>
internal sealed class GuestThread
{
    private readonly GuestThreadStart _start;
    private readonly Thread _thread;
    private readonly List<Store> _stores = [];
    private volatile bool _interruptRequested;
    private GuestOutcome? _outcome;
    private long _lastCpuNs;

    // Only touched on the guest's own thread: whether it holds one of the VM's run slots.
    private bool _holdsSlot;

    private GuestThread(StackClassEngine engine, GuestThreadStart start)
    {
        Engine = engine;
        _start = start;
        _thread = new Thread(Run, engine.ThreadStackBytes) { Name = start.Name, IsBackground = true };
    }

    /// <summary>The engine whose modules this guest must instantiate.</summary>
    public StackClassEngine Engine { get; }

    /// <summary>The outcome, or null while the guest runs.</summary>
    public GuestOutcome? Outcome => Volatile.Read(ref _outcome);

    /// <summary>
    /// Starts a guest; null when the engine's instance pool is full (the spawner reports EAGAIN). The module must
    /// come from <see cref="ModuleCache"/> for <see cref="Engine"/>, i.e. <c>provider.Get(start.MaxWasmStackBytes)</c>.
    /// </summary>
    public static GuestThread? TryStart(EngineProvider engines, GuestThreadStart start)
    {
        var engine = engines.Get(start.MaxWasmStackBytes);
        if (!engine.TryAcquireSlot())
        {
            return null;
        }

        var guest = new GuestThread(engine, start);
        try
        {
            guest._thread.Start();
        }
        catch
        {
            engine.ReleaseSlot();
            throw;
        }

        return guest;
    }

    /// <summary>
    /// A Store for this guest, on its thread: memory capped at <c>maxWasmMemoryBytes</c> (<c>memory.grow</c> beyond
    /// returns −1; a module whose initial memory is larger fails to instantiate) and interruptible. Disposed when the
    /// run ends if the body has not done so.
    /// </summary>
    public Store CreateStore(object? data = null)
    {
        if (Thread.CurrentThread != _thread)
        {
            throw new InvalidOperationException("Guest stores are created and used on the guest's own thread.");
        }

        var store = new Store(Engine.Engine, data);
        _stores.Add(store);
        store.SetLimits(memorySize: _start.MaxWasmMemoryBytes);

        // Epoch-enabled stores start with deadline 0 (an immediate trap). Checking every tick costs one callback per
        // tick; the callback runs on this thread, the only safe place to stop the store.
        store.SetEpochDeadlineCallback(_ => OnEpoch());
        store.SetEpochDeadline(1);
        return store;
    }

    /// <summary>Stops running wasm code at the next epoch tick; any thread. Host waits use the kill token instead.</summary>
    public void RequestInterrupt() => _interruptRequested = true;

    /// <summary>Waits for the guest thread (including <see cref="GuestThreadStart.OnExit"/>) to end.</summary>
    public GuestOutcome Join()
    {
        _thread.Join();
        return _outcome!;
    }

    /// <summary>Waits up to <paramref name="timeout"/>; null if the guest still runs.</summary>
    public GuestOutcome? Join(TimeSpan timeout) => _thread.Join(timeout) ? _outcome : null;

    // On this thread, inside Wasmtime's native frames: only the interrupt may escape.
    private ulong OnEpoch()
    {
        if (!_interruptRequested && !_start.Kill.IsCancellationRequested)
        {
            try
            {
                ChargeCpu(park: true);
                TakeTurn();
            }
            catch (Exception exception)
            {
                _start.Logger?.LogError(exception, "CPU accounting of guest {Guest} failed", _start.Name);
            }
        }

        return _interruptRequested || _start.Kill.IsCancellationRequested ? throw new GuestInterruptedException() : 1UL;
    }

    // At a tick the running guest needs a run slot: it takes one (waiting its turn), or hands its own on when others
    // wait. A kill ends the wait; the interrupt then stops the guest.
    private void TakeTurn()
    {
        if (_start.Slots is not { } slots)
        {
            return;
        }

        if (_holdsSlot)
        {
            if (!slots.HasWaiters)
            {
                return;
            }

            ReleaseSlot();
        }

        _holdsSlot = slots.Acquire(_start.Kill);
    }

    // Before the guest blocks in the kernel or is parked, and when it ends: its slot goes to the next in line.
    private void ReleaseSlot()
    {
        if (_holdsSlot)
        {
            _holdsSlot = false;
            _start.Slots!.Release();
        }
    }

    private void ChargeCpu(bool park)
    {
        if (_start.ChargeCpu is not { } charge)
        {
            return;
        }

        var now = ThreadCpuClock.NowNs();
        var used = now - _lastCpuNs;
        _lastCpuNs = now;
        charge(used, park);
    }

    private void Run()
    {
        GuestOutcome outcome;
        _lastCpuNs = ThreadCpuClock.NowNs();
        HostMemoryCreator.CurrentBudget = _start.MemoryBudget;
        KernelWait.BeforeBlocking = ReleaseSlot;
        try
        {
            _start.Body(this);
            outcome = GuestOutcome.Returned;
        }
        catch (Exception exception)
        {
            outcome = GuestOutcome.FromException(exception, _start.MaxWasmStackBytes);
        }
        finally
        {
            KernelWait.BeforeBlocking = null;
            ReleaseSlot();

            // Disposing returns the instance to the pool before the slot is counted free.
            foreach (var store in _stores)
            {
                store.Dispose();
            }

            _stores.Clear();
            Engine.ReleaseSlot();
        }

        try
        {
            ChargeCpu(park: false);
        }
        catch (Exception exception)
        {
            _start.Logger?.LogError(exception, "CPU accounting of guest {Guest} failed", _start.Name);
        }

        if (outcome.Kind == GuestOutcomeKind.HostFailure)
        {
            _start.Logger?.LogError(outcome.Error, "Host error ended guest {Guest}: {Message}", _start.Name, outcome.Message);
        }

        Volatile.Write(ref _outcome, outcome);
        try
        {
            _start.OnExit?.Invoke(outcome);
        }
        catch (Exception exception)
        {
            // An exception on this thread would take the whole host down; the guest is already over.
            _start.Logger?.LogError(exception, "Exit handler of guest {Guest} failed", _start.Name);
        }
    }
}
