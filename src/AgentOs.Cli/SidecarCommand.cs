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
        var hostMemory = new Option<string?>("--host-max-memory-bytes")
        {
            HelpName = "SIZE",
            Description = "Memory all VMs of this sidecar may claim together: each claims maxMemoryBytes + maxFilesystemBytes (host.maxTotalMemoryBytes; default none).",
        };
        var hostCpu = new Option<double?>("--host-max-cpu-cores")
        {
            HelpName = "CORES",
            Description = "CPU all VMs of this sidecar may claim together: each claims maxCpuCores (host.maxTotalCpuCores; default none).",
        };
        var logLevel = new Option<string?>("--log-level")
        {
            HelpName = string.Join('|', CliLogLevel.Names),
            Description = "Diagnostics on stderr; overrides SECURE_EXEC_LOG / AGENTOS_LOG / AGENTOS_LOG_LEVEL (default warn).",
        };
        var logFile = VmOptionSet.LogFileOption();
        var command = new Command("sidecar", "Serve VMs to another process over JSON-RPC 2.0 on stdin/stdout (one JSON message per line); ends when stdin closes.")
        {
            queueFrames,
            maxFrame,
            hostMemory,
            hostCpu,
            logLevel,
            logFile,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new SidecarServerOptions
            {
                StdoutQueueFrames = parse.GetValue(queueFrames) is > 0 and var frames ? frames : throw new CliUsageException("--stdout-queue-frames must be positive"),
                MaxFrameBytes = parse.GetValue(maxFrame) is > 0 and var bytes ? bytes : throw new CliUsageException("--max-frame-bytes must be positive"),
                Host = HostTotals(parse.GetValue(hostMemory), parse.GetValue(hostCpu)),
            };
            using ILoggerFactory loggers = CliLogging.Create(
                CliLogLevel.Resolve(parse.GetValue(logLevel), Environment.GetEnvironmentVariable),
                CliLogging.ResolveLogFile(parse.GetValue(logFile), Environment.GetEnvironmentVariable));
            Stream stdout = Console.OpenStandardOutput();
            Console.SetOut(Console.Error);
            await SidecarServer.RunAsync(Console.OpenStandardInput(), stdout, options, loggers, ct).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    internal static AgentOsHost? HostTotals(string? memory, double? cores)
    {
        if (memory is null && cores is null)
        {
            return null;
        }

        long? bytes = null;
        if (memory is not null)
        {
            bytes = SizeParser.TryParse(memory, out long parsed) ? parsed : throw new CliUsageException($"--host-max-memory-bytes: '{memory}' is not a size ({SizeParser.Syntax})");
        }

        try
        {
            return new AgentOsHost(new AgentOsHostOptions { MaxTotalMemoryBytes = bytes, MaxTotalCpuCores = cores });
        }
        catch (Kernel.Limits.LimitConfigurationException e)
        {
            throw new CliUsageException(e.Message);
        }
    }
}
