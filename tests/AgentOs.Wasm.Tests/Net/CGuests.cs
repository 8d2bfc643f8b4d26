using System.Diagnostics;

namespace AgentOs.Wasm.Tests.Net;

/// <summary>
/// The C test guests of tests/AgentOs.Wasm.Tests/Guests, compiled on first use by Guests/build.sh (Debian clang +
/// lld + wasi-libc) into the test output directory. Compiled binaries are never committed.
/// </summary>
internal static class CGuests
{
    private static readonly Lazy<string> OutputDirectory = new(Build);

    /// <summary>The bytes of <c>Guests/<paramref name="name"/>.c</c> compiled to wasm32-wasi.</summary>
    public static byte[] Load(string name) => File.ReadAllBytes(Path.Combine(OutputDirectory.Value, name + ".wasm"));

    private static string Build()
    {
        var output = Path.Combine(AppContext.BaseDirectory, "guests");
        var script = FindScript();
        var sources = Directory.GetFiles(Path.GetDirectoryName(script)!, "*.c");
        var stale = sources.Any(source =>
        {
            var wasm = Path.Combine(output, Path.GetFileNameWithoutExtension(source) + ".wasm");
            return !File.Exists(wasm) || File.GetLastWriteTimeUtc(wasm) < File.GetLastWriteTimeUtc(source);
        });
        if (!stale)
        {
            return output;
        }

        var start = new ProcessStartInfo("bash", [script, output]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Building the C test guests failed (needs `apt-get install -y clang lld wasi-libc`):\n{stderr.Result}");
        }

        return output;
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "AgentOs.Wasm.Tests", "Guests", "build.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/AgentOs.Wasm.Tests/Guests/build.sh not found above " + AppContext.BaseDirectory);
    }
}
