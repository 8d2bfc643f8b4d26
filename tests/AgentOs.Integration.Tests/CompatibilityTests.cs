using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace AgentOs.Integration.Tests;

/// <summary>
/// The compatibility corpus: real-world agent shell scripts (Compat/scripts) run through the guest shell, stdout
/// and exit status compared with what GNU bash and the GNU tools printed on Debian (Compat/record.sh). The remaining
/// differences and their causes are listed in Compat/README.md.
/// </summary>
public sealed class CompatibilityTests(ITestOutputHelper output)
{
    // The level measured last (96 of 101). Issue #12 asks for 95%; the five differences left
    // are defects of the published guests (Compat/README.md), so this floor keeps the VM from regressing.
    private const double RequiredPercent = 95.0;

    // Every script finishes in well under a second; a hang is a difference, not a stuck test run.
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(30);

    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Compat");

    [Fact]
    public async Task CorpusMatchesGnuBashAtTheMeasuredLevel()
    {
        var expectedCodes = File.ReadAllLines(Path.Combine(Root, "expected", "exit-codes.txt"))
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => int.Parse(parts[1], CultureInfo.InvariantCulture));
        var scripts = Directory.GetFiles(Path.Combine(Root, "scripts"), "*.sh").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedCodes.Count, scripts.Count);

        var differences = new StringBuilder();
        var identical = 0;
        foreach (var script in scripts)
        {
            var name = Path.GetFileNameWithoutExtension(script);
            var expectedStdout = await File.ReadAllTextAsync(Path.Combine(Root, "expected", name + ".stdout"));
            using var vm = await TestVm.CreateAsync();
            RunResult result;
            try
            {
                result = await vm.RunAsync(["sh", "-c", (await File.ReadAllTextAsync(script)).TrimEnd('\n')], timeout: ScriptTimeout);
            }
            catch (TimeoutException)
            {
                differences.Append(CultureInfo.InvariantCulture, $"--- {name}: still running after {ScriptTimeout.TotalSeconds} s\n");
                continue;
            }

            if (result.Stdout == expectedStdout && result.Code == expectedCodes[name])
            {
                identical++;
                continue;
            }

            differences.Append(CultureInfo.InvariantCulture, $"--- {name}: exit {result.Code} (bash {expectedCodes[name]})\n")
                .Append(CultureInfo.InvariantCulture, $"expected:\n{expectedStdout}got:\n{result.Stdout}stderr:\n{result.Stderr}\n");
        }

        var percent = 100.0 * identical / scripts.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{identical}/{scripts.Count} scripts identical ({percent:F1}%)"));
        output.WriteLine(differences.ToString());
        Assert.True(percent >= RequiredPercent, string.Create(CultureInfo.InvariantCulture, $"{identical}/{scripts.Count} identical ({percent:F1}%)\n{differences}"));
    }
}
