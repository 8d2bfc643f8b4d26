using System.Text;
using AgentOs.Kernel.Processes;
using AgentOs.Kernel.Threading;
using Microsoft.Extensions.Logging;

namespace AgentOs.Kernel;

// Blocking waits bounded by limits.resources.maxBlockingReadMs (spec §2.8.6): such a wait runs in two phases so that
// the guest's stderr gets one "[agentos] … is nearing …" line at 80 % of the bound and one "… exceeded …" line when
// it runs out, as the reference runtime prints them.
public sealed partial class Kernel
{
    private const string AcceptOperation = "blocking socket accept";
    private const string ReceiveOperation = "blocking socket receive";

    /// <summary>
    /// The first phase of a blocking wait that <c>maxBlockingReadMs</c> bounds: 80 % of the bound. A wait that a
    /// shorter SO_RCVTIMEO (<paramref name="receiveTimeoutMs"/>) ends instead is not split and prints nothing.
    /// </summary>
    internal WaitContext FirstBlockingPhase(Process process, int receiveTimeoutMs, out bool split)
    {
        var limit = Limits.MaxBlockingReadMs;
        split = !(receiveTimeoutMs > 0 && receiveTimeoutMs <= limit);
        return new(process.Interrupted, split ? NearingMs(limit) : Timeout.Infinite);
    }

    /// <summary>
    /// After the first phase: when it ran out (<paramref name="errno"/> ETIMEDOUT on a split wait) prints the
    /// "nearing" line for <paramref name="operation"/> and gives the rest of the bound in <paramref name="rest"/>, to
    /// retry with and pass to <see cref="EndBlocking"/>; otherwise false and the first result stands.
    /// </summary>
    internal bool ContinueBlocking(Process process, Errno errno, bool split, string operation, out WaitContext rest)
    {
        rest = default;
        if (errno != Errno.ETIMEDOUT || !split)
        {
            return false;
        }

        var limit = Limits.MaxBlockingReadMs;
        BlockingNotice(process, operation, exceeded: false);
        rest = new(process.Interrupted, limit - NearingMs(limit));
        return true;
    }

    /// <summary>The second phase's result; ETIMEDOUT prints the "exceeded" line for <paramref name="operation"/>.</summary>
    internal Errno EndBlocking(Process process, Errno errno, string operation)
    {
        if (errno == Errno.ETIMEDOUT)
        {
            BlockingNotice(process, operation, exceeded: true);
        }

        return errno;
    }

    /// <summary>
    /// Writes the §2.8.6 line for <paramref name="operation"/> (e.g. "blocking socket accept") to the guest's stderr
    /// and the log: "nearing" at 80 % of <c>maxBlockingReadMs</c>, or "exceeded" when the bound ran out.
    /// </summary>
    internal void BlockingNotice(Process process, string operation, bool exceeded)
    {
        var limit = Limits.MaxBlockingReadMs;
        var text = exceeded
            ? $"[agentos] {operation} exceeded limits.resources.maxBlockingReadMs ({limit} ms); raise limits.resources.maxBlockingReadMs if needed"
            : $"[agentos] {operation} is nearing limits.resources.maxBlockingReadMs ({limit} ms)";
        LogBlockingNotice(Logger, process.Pid, text);
        Notice(process, text);
    }

    /// <summary>The 80 % point of a wait bounded by <paramref name="limitMs"/>.</summary>
    internal static int NearingMs(int limitMs) => (int)(limitMs * 4L / 5);

    /// <summary>
    /// Writes one line to the process's stderr without ever waiting: if fd 2 is closed or a full pipe, the line is
    /// dropped (the log has it) rather than stalling the guest or raising SIGPIPE.
    /// </summary>
    internal void Notice(Process process, string line)
    {
        if (process.Fds.Get(2, out var stderr) != Errno.Success)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        stderr.Write(bytes, new WaitContext(process.Interrupted, 0), out _);
    }

    [LoggerMessage(EventId = 122, Level = LogLevel.Warning, Message = "pid {Pid}: {Notice}")]
    private static partial void LogBlockingNotice(ILogger logger, int pid, string notice);
}
