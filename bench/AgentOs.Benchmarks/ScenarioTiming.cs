using System.Diagnostics;
using System.Globalization;

namespace AgentOs.Benchmarks;

/// <summary>Stopwatch timing and median/p99 reporting shared by the scenario commands.</summary>
internal static class ScenarioTiming
{
    public static async Task<double[]> TimeAsync(int runs, Func<Task> action)
    {
        var samples = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            samples[i] = watch.Elapsed.TotalMilliseconds;
        }

        return samples;
    }

    public static void Report(string name, double[] samples)
    {
        Array.Sort(samples);
        var median = samples[samples.Length / 2];
        var p99 = samples[Math.Min(samples.Length - 1, (int)Math.Ceiling(samples.Length * 0.99) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-45} median {median,8:F2} ms   p99 {p99,8:F2} ms   (n={samples.Length})"));
    }

    public static void Report(string name, double milliseconds) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-45} {milliseconds,10:F1} ms"));
}
