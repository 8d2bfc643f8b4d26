using System.Globalization;
using AgentOs.Software;
using Spectre.Console;

namespace AgentOs.Cli;

/// <summary>
/// Shows package acquisition on stderr: a Spectre progress bar per package on a terminal, plain one-line reports
/// otherwise (CI logs, pipes). Never writes to stdout.
/// </summary>
internal static class SoftwareProgressView
{
    public static async Task<T> RunAsync<T>(Func<IProgress<SoftwareProgress>, Task<T>> work)
    {
        if (Console.IsErrorRedirected)
        {
            return await work(new PlainProgress(Console.Error)).ConfigureAwait(false);
        }

        IAnsiConsole console = CliConsoles.Stderr();
        return await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new SpinnerColumn())
            .StartAsync(context => work(new BarProgress(context)))
            .ConfigureAwait(false);
    }

    internal static string Describe(SoftwareProgress report) => report.Phase switch
    {
        SoftwarePhase.Resolving => "resolving",
        SoftwarePhase.Downloading => "downloading",
        SoftwarePhase.Verifying => "verifying",
        SoftwarePhase.Extracting => "extracting",
        _ => "ready",
    };

    internal static string FormatBytes(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };

    /// <summary>Synchronous (no SynchronizationContext hop), so reports land in order.</summary>
    private sealed class BarProgress(ProgressContext context) : IProgress<SoftwareProgress>
    {
        private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);

        public void Report(SoftwareProgress value)
        {
            lock (_tasks)
            {
                if (!_tasks.TryGetValue(value.Package, out ProgressTask? task))
                {
                    task = context.AddTask(value.Package, maxValue: 1);
                    _tasks.Add(value.Package, task);
                }

                task.Description = $"{Markup.Escape(value.Package)} [grey]{Describe(value)}[/]";
                if (value.BytesTotal is { } total && total > 0)
                {
                    task.IsIndeterminate = false;
                    task.MaxValue = total;
                    task.Value = Math.Min(value.BytesDone, total);
                }
                else
                {
                    task.IsIndeterminate = value.Phase != SoftwarePhase.Done;
                }

                if (value.Phase == SoftwarePhase.Done)
                {
                    task.Value = task.MaxValue;
                    task.StopTask();
                }
            }
        }
    }

    /// <summary>One line per phase change and per quarter of a download.</summary>
    private sealed class PlainProgress(TextWriter writer) : IProgress<SoftwareProgress>
    {
        private readonly Dictionary<string, (SoftwarePhase Phase, int Quarter)> _last = new(StringComparer.Ordinal);

        public void Report(SoftwareProgress value)
        {
            lock (_last)
            {
                int quarter = value.BytesTotal is { } total && total > 0 ? (int)(value.BytesDone * 4 / total) : 0;
                if (_last.TryGetValue(value.Package, out var last) && last.Phase == value.Phase && last.Quarter == quarter)
                {
                    return;
                }

                _last[value.Package] = (value.Phase, quarter);
                string amount = value.Phase switch
                {
                    SoftwarePhase.Downloading when value.BytesTotal is { } t => $" {FormatBytes(value.BytesDone)}/{FormatBytes(t)}",
                    SoftwarePhase.Downloading or SoftwarePhase.Done => $" {FormatBytes(value.BytesDone)}",
                    _ => string.Empty,
                };
                writer.WriteLine($"agentos: software: {value.Package} {Describe(value)}{amount}");
            }
        }
    }
}
