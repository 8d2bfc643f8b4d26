using Xunit.Abstractions;

namespace AgentOs.Tests.Vm;

public sealed class TerminalTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Probe()
    {
        await using var vm = await VmOptions.CreateVmAsync();
        await using var terminal = vm.OpenTerminal();
        var screen = new TerminalScreen(terminal);
        await Task.Delay(3000);
        output.WriteLine("raw=" + terminal.IsRaw);
        output.WriteLine(TerminalScreen.Escape(screen.Text));
        await terminal.WriteAsync("echo hi\r");
        await Task.Delay(2000);
        output.WriteLine("raw=" + terminal.IsRaw);
        output.WriteLine(TerminalScreen.Escape(screen.Text));
        foreach (var p in vm.Processes) output.WriteLine(p.ToString());
    }
}
