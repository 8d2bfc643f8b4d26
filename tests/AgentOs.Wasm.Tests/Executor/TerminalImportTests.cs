using System.Text;
using AgentOs.Kernel;
using AgentOs.Kernel.Exec;
using AgentOs.Kernel.Processes;

namespace AgentOs.Wasm.Tests.Executor;

/// <summary>The <c>host_tty</c> imports and <c>isatty</c> on a VM pseudo-terminal and off one, through the real executor.</summary>
public sealed class TerminalImportTests
{
    private const string Imports = """
        (import "host_user" "isatty" (func $uisatty (param i32 i32) (result i32)))
        (import "host_tty" "isatty" (func $tisatty (param i32) (result i32)))
        (import "host_tty" "get_size" (func $size (param i32 i32 i32) (result i32)))
        (import "host_tty" "set_raw_mode" (func $raw (param i32) (result i32)))
        (import "host_tty" "read" (func $read (param i32 i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
        (memory (export "memory") 1)
        """;

    // Exit code bits: 1 host_user.isatty(0), 2 host_tty.isatty(0), 4/8 size 90×20, 16 set_raw_mode ok, 32 a read with
    // a 100 ms timeout returns 0 with nothing typed; then "R" is written and 64 = an unbounded read returns the "k" typed.
    private const string OnTerminal = "(module " + Imports + """
        (func (export "_start") (local $code i32) (local $n i32)
          (drop (call $uisatty (i32.const 0) (i32.const 0)))
          (local.set $code (i32.load (i32.const 0)))
          (if (i32.eq (call $tisatty (i32.const 0)) (i32.const 1)) (then (local.set $code (i32.or (local.get $code) (i32.const 2)))))
          (drop (call $size (i32.const 0) (i32.const 8) (i32.const 12)))
          (if (i32.eq (i32.load (i32.const 8)) (i32.const 90)) (then (local.set $code (i32.or (local.get $code) (i32.const 4)))))
          (if (i32.eq (i32.load (i32.const 12)) (i32.const 20)) (then (local.set $code (i32.or (local.get $code) (i32.const 8)))))
          (if (i32.eqz (call $raw (i32.const 1))) (then (local.set $code (i32.or (local.get $code) (i32.const 16)))))
          (if (i32.eqz (call $read (i32.const 64) (i32.const 16) (i32.const 100))) (then (local.set $code (i32.or (local.get $code) (i32.const 32)))))
          (i32.store8 (i32.const 32) (i32.const 82))
          (i32.store (i32.const 16) (i32.const 32))
          (i32.store (i32.const 20) (i32.const 1))
          (drop (call $write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24)))
          (local.set $n (call $read (i32.const 64) (i32.const 16) (i32.const -1)))
          (if (i32.and (i32.eq (local.get $n) (i32.const 1)) (i32.eq (i32.load8_u (i32.const 64)) (i32.const 107)))
            (then (local.set $code (i32.or (local.get $code) (i32.const 64)))))
          (call $exit (local.get $code))))
        """;

    // Off a terminal: 1 host_user.isatty(0) is 0, 2 host_tty.isatty(0) is 0, 4 set_raw_mode fails, 8 an unbounded read
    // returns 0 at once, 16 get_size fails.
    private const string OffTerminal = "(module " + Imports + """
        (func (export "_start") (local $code i32)
          (i32.store (i32.const 0) (i32.const 7))
          (drop (call $uisatty (i32.const 0) (i32.const 0)))
          (if (i32.eqz (i32.load (i32.const 0))) (then (local.set $code (i32.const 1))))
          (if (i32.eqz (call $tisatty (i32.const 0))) (then (local.set $code (i32.or (local.get $code) (i32.const 2)))))
          (if (i32.ne (call $raw (i32.const 1)) (i32.const 0)) (then (local.set $code (i32.or (local.get $code) (i32.const 4)))))
          (if (i32.eqz (call $read (i32.const 64) (i32.const 16) (i32.const -1))) (then (local.set $code (i32.or (local.get $code) (i32.const 8)))))
          (if (i32.ne (call $size (i32.const 0) (i32.const 8) (i32.const 12)) (i32.const 0)) (then (local.set $code (i32.or (local.get $code) (i32.const 16)))))
          (call $exit (local.get $code))))
        """;

    [Fact]
    public async Task OnATerminalIsattyIsTrueAndReadHonoursItsTimeoutAndRawMode()
    {
        using var harness = new ExecutorHarness();
        harness.Install("/bin/ttyprobe", OnTerminal);
        Assert.Equal(Errno.Success, harness.Kernel.OpenPty(90, 20, out var master));
        var request = new SpawnRequest("/bin/ttyprobe", ["ttyprobe"], ["PATH=/bin"], [], "/");
        Assert.Equal(Errno.Success, harness.Kernel.SpawnOnTerminal(request, Credentials.AgentOsUser, master, out var process));

        var shown = new StringBuilder();
        var buffer = new byte[64];
        while (!shown.ToString().Contains('R', StringComparison.Ordinal))
        {
            var n = await master.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(n > 0, "the terminal closed before the guest wrote its marker");
            shown.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        Assert.False(master.Pty.Canonical);
        Assert.Equal(Errno.Success, await master.WriteAsync("k"u8.ToArray()));
        var status = await process.Exited.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(127, status.ShellStatus);
        master.Close();
        Assert.Equal(0, harness.Kernel.PtysGauge.Current);
    }

    [Fact]
    public async Task OffATerminalIsattyIsFalseAndTheTerminalCallsFail()
    {
        using var harness = new ExecutorHarness();
        harness.Install("/bin/ttyprobe", OffTerminal);
        var (status, _, _) = await harness.RunAsync("ttyprobe");
        Assert.Equal(31, status.ShellStatus);
    }

    [Fact]
    public async Task AGuestKilledInRawModeLeavesTheTerminalUsableAfterAHangup()
    {
        using var harness = new ExecutorHarness();
        harness.Install("/bin/ttyprobe", OnTerminal);
        Assert.Equal(Errno.Success, harness.Kernel.OpenPty(90, 20, out var master));
        var request = new SpawnRequest("/bin/ttyprobe", ["ttyprobe"], ["PATH=/bin"], [], "/");
        Assert.Equal(Errno.Success, harness.Kernel.SpawnOnTerminal(request, Credentials.AgentOsUser, master, out var process));
        var buffer = new byte[64];
        Assert.True(await master.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(60)) > 0);

        // Blocked in its unbounded host_tty.read: a kill ends the wait at once.
        Assert.Equal(Errno.Success, harness.Kernel.Processes.Kill(null, process.Pid, Signals.SIGKILL));
        var status = await process.Exited.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(Signals.SIGKILL, status.Signal);
        Assert.Equal(0, await master.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(60)));
        master.Close();
        Assert.Equal(0, harness.Kernel.PtysGauge.Current);
    }
}
