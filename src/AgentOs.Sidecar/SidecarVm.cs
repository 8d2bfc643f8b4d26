using System.Collections.Concurrent;
using AgentOs.Kernel.Limits;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace AgentOs.Sidecar;

/// <summary>One VM of a sidecar session with the processes spawned in it; forwards its limit warnings.</summary>
internal sealed class SidecarVm : IAsyncDisposable
{
    private readonly JsonRpc _rpc;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<int, SidecarProcess> _processes = new();
    private readonly ConcurrentDictionary<int, SidecarTerminal> _terminals = new();
    private readonly CancellationTokenSource _stop = new();

    public SidecarVm(AgentOsVm vm, JsonRpc rpc, ILogger logger)
    {
        Vm = vm;
        _rpc = rpc;
        _logger = logger;
        vm.LimitWarning += OnLimitWarning;
    }

    public AgentOsVm Vm { get; }

    public int Spawn(string program, IEnumerable<string>? args, SpawnOptions options)
    {
        var process = Vm.Spawn(program, args, options);
        _processes[process.Pid] = new SidecarProcess(Vm.Id, process, _rpc, _logger, _stop.Token);
        return process.Pid;
    }

    /// <summary>
    /// Signals a process of this VM: one started by <c>process.spawn</c>, or a running <c>process.exec</c> command whose
    /// pid <c>process.started</c> reported. False when it has already ended.
    /// </summary>
    public bool Signal(int pid, int signal)
    {
        if (_processes.TryGetValue(pid, out var spawned))
        {
            return spawned.Process.Signal(signal);
        }

        if (signal is < 0 or > Kernel.Processes.Signals.MaxSignal)
        {
            throw SidecarErrors.InvalidParams($"signal must be 0..{Kernel.Processes.Signals.MaxSignal} (was {signal})", "signal");
        }

        return Vm.Kernel.Processes.Get(pid) is { IsTerminating: false }
            ? Vm.Kernel.Processes.Kill(null, pid, signal) == Kernel.Errno.Success
            : throw SidecarErrors.ProcessNotFound(Vm.Id, pid);
    }

    public int OpenTerminal(string program, IEnumerable<string>? args, TerminalOptions options)
    {
        var terminal = Vm.OpenTerminal(program, args, options);
        _terminals[terminal.Pid] = new SidecarTerminal(Vm.Id, terminal, _rpc, _logger, _stop.Token);
        return terminal.Pid;
    }

    public AgentOsTerminal Terminal(int pid) =>
        _terminals.TryGetValue(pid, out var terminal) ? terminal.Terminal : throw SidecarErrors.TerminalNotFound(Vm.Id, pid);

    /// <summary>Hangs the terminal up; later calls for it fail as for an unknown terminal.</summary>
    public void CloseTerminal(int pid)
    {
        if (!_terminals.TryRemove(pid, out var terminal))
        {
            throw SidecarErrors.TerminalNotFound(Vm.Id, pid);
        }

        terminal.Terminal.Close();
    }

    public AgentOsProcess Process(int pid) =>
        _processes.TryGetValue(pid, out var process) ? process.Process : throw SidecarErrors.ProcessNotFound(Vm.Id, pid);

    /// <summary>Ends the VM, then waits until every spawned process's output and exit were sent.</summary>
    public async ValueTask DisposeAsync()
    {
        Vm.LimitWarning -= OnLimitWarning;
        await Vm.DisposeAsync().ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_processes.Values.Select(p => p.Completion).Concat(_terminals.Values.Select(t => t.Completion))).ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>Raised on the thread that crossed the threshold, which may hold kernel state: send from the pool.</summary>
    private void OnLimitWarning(object? sender, LimitWarning warning) =>
        _ = SidecarServer.NotifyWarningAsync(_rpc, Vm.Id, warning);
}
