using System.CommandLine;
using AgentOs.Cli.Logging;
using AgentOs.Sidecar;
using Microsoft.Extensions.Logging;

namespace AgentOs.Cli;

/// <summary>
/// <c>agentos sidecar</c>: an out-of-process VM host speaking newline-delimited JSON-RPC 2.0 on stdin/stdout
/// (docs/sidecar-protocol.md). Stdout carries only protocol frames: logs go to stderr, and anything else that writes
/// to <see cref="Console.Out"/> is redirected there too.
/// </summary>
internal static class SidecarCommand
{
    public static Command Create()
    {
        var queueFrames = new Option<int>("--stdout-queue-frames")
        {
            HelpName = "N",
            Description = $"Frames that may wait for stdout before guests' output pumps pause (sidecar.stdoutQueueFrames, default {SidecarServerOptions.DefaultStdoutQueueFrames}).",
            DefaultValueFactory = _ => SidecarServerOptions.DefaultStdoutQueueFrames,
        };
        var maxFrame = new Option<int>("--max-frame-bytes")
        {
            HelpName = "N",
            Description = $"Largest request line accepted (sidecar.maxFrameBytes, default {SidecarServerOptions.DefaultMaxFrameBytes}).",
            DefaultValueFactory = _ => SidecarServerOptions.DefaultMaxFrameBytes,
        };
        var logLevel = new Option<string?>("--log-level")
        {
            HelpName = string.Join('|', CliLogLevel.Names),
            Description = "Diagnostics on stderr; overrides SECURE_EXEC_LOG / AGENTOS_LOG / AGENTOS_LOG_LEVEL (default warn).",
        };
        var command = new Command("sidecar", "Serve VMs to another process over JSON-RPC 2.0 on stdin/stdout (one JSON message per line); ends when stdin closes.")
        {
            queueFrames,
            maxFrame,
            logLevel,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new SidecarServerOptions
            {
                StdoutQueueFrames = parse.GetValue(queueFrames) is > 0 and var frames ? frames : throw new CliUsageException("--stdout-queue-frames must be positive"),
                MaxFrameBytes = parse.GetValue(maxFrame) is > 0 and var bytes ? bytes : throw new CliUsageException("--max-frame-bytes must be positive"),
            };
            using ILoggerFactory loggers = CliLogging.Create(CliLogLevel.Resolve(parse.GetValue(logLevel), Environment.GetEnvironmentVariable));
            Stream stdout = Console.OpenStandardOutput();
            Console.SetOut(Console.Error);
            await SidecarServer.RunAsync(Console.OpenStandardInput(), stdout, options, loggers, ct).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
