using System.CommandLine;
using AgentOs.Cli.Logging;
using AgentOs.Kernel.Limits;
using AgentOs.Kernel.Net;
using AgentOs.Software;

namespace AgentOs.Cli;

/// <summary>The options every VM-creating command shares; one instance per command.</summary>
internal sealed class VmOptionSet
{
    private readonly Option<int?> _maxProcesses = Count("--max-processes", "Processes alive or zombie at once (limits.resources.maxProcesses).");
    private readonly Option<int?> _maxOpenFds = Count("--max-open-fds", "Open descriptors, VM-wide and per process (limits.resources.maxOpenFds).");
    private readonly Option<int?> _maxSockets = Count("--max-sockets", "Sockets alive at once (limits.resources.maxSockets).");
    private readonly Option<int?> _maxPtys = Count("--max-ptys", "Pseudo-terminals open at once (limits.resources.maxPtys).");
    private readonly Option<long?> _maxFilesystemBytes = Size("--max-filesystem-bytes", "Bytes in the writable filesystem (limits.resources.maxFilesystemBytes).");
    private readonly Option<long?> _maxWasmStackBytes = Size("--max-wasm-stack-bytes", "WebAssembly stack per process (limits.resources.maxWasmStackBytes).");
    private readonly Option<long?> _maxWasmMemoryBytes = Size("--max-wasm-memory-bytes", "Linear memory per process (limits.resources.maxWasmMemoryBytes).");

    private readonly Option<long?> _maxMemoryBytes = Size("--max-memory-bytes", "Linear memory of all the VM's processes together (limits.resources.maxMemoryBytes).");
    private readonly Option<double?> _maxCpuCores = new("--max-cpu-cores")
    {
        HelpName = "CORES",
        Description = "CPU share of the whole VM in cores, e.g. 0.5 or 2 (limits.resources.maxCpuCores).",
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
            {
                return value;
            }

            result.AddError($"--max-cpu-cores: '{text}' is not a number");
            return null;
        },
    };

    private readonly Option<string?> _limits = new("--limits")
    {
        HelpName = "FILE.json",
        Description = "Limits in the agentOS JSON shape {\"limits\":{\"resources\":{\"maxProcesses\":64}}}; flags override it.",
    };

    private readonly Option<string[]> _software = new("--software")
    {
        HelpName = "NAME|PATH",
        Description = $"Software to mount: a package (coreutils, sed@0.3.4), the set '{SoftwareCatalog.CommonName}', an .aospkg path, or a .wasm file or directory of them (installed as /usr/local/bin/NAME). Repeatable; default {SoftwareCatalog.CommonName}.",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string?> _cwd = new("--cwd")
    {
        HelpName = "DIR",
        Description = "Working directory inside the VM.",
    };

    private readonly Option<string[]> _env = new("--env")
    {
        HelpName = "K=V",
        Description = "Environment variable for the guest. Repeatable.",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string[]> _allowNet = new("--allow-net")
    {
        HelpName = "HOST[:PORT]",
        Description = "Allow guest TCP connections, UDP datagrams and DNS lookups to HOST (name, IP, *.domain or *) on PORT (default any) outside the VM (network.allowedHosts). Repeatable; default none.",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string[]> _dnsServer = new("--dns-server")
    {
        HelpName = "IP[:PORT]",
        Description = "DNS server for the guest's lookups of allowed names: addresses (A/AAAA) and PTR/SSHFP records (network.dnsServers). Repeatable; default the host's resolvers.",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string[]> _mount = new("--mount")
    {
        HelpName = "HOST:GUEST[:ro|rw|overlay]",
        Description = "Show a host directory at GUEST: rw (default) writes the VM's changes back when the run ends, ro refuses changes (EROFS), overlay keeps them in the VM. Counted against the filesystem limits. Repeatable.",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string[]> _copyIn = new("--copy-in")
    {
        HelpName = "HOST:GUEST",
        Description = "Copy a host file or tree into the VM before the run. Repeatable.",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string[]> _copyOut = new("--copy-out")
    {
        HelpName = "GUEST:HOST",
        Description = "Copy a VM file or tree to the host after the run. Repeatable.",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string?> _logLevel = new("--log-level")
    {
        HelpName = string.Join('|', CliLogLevel.Names),
        Description = "Diagnostics on stderr; overrides SECURE_EXEC_LOG / AGENTOS_LOG / AGENTOS_LOG_LEVEL (default warn).",
    };

    private readonly Option<string?> _logFile = LogFileOption();

    public IEnumerable<Option> All =>
        [_maxProcesses, _maxOpenFds, _maxSockets, _maxPtys, _maxFilesystemBytes, _maxWasmStackBytes, _maxWasmMemoryBytes, _maxMemoryBytes, _maxCpuCores, _limits, _software, _cwd, _env, _allowNet, _dnsServer, _mount, _copyIn, _copyOut, _logLevel, _logFile];

    /// <summary><c>--log-file PATH</c>: the CLI's diagnostics go to PATH, apart from the guest's stderr.</summary>
    public static Option<string?> LogFileOption() => new("--log-file")
    {
        HelpName = "PATH",
        Description = $"Append diagnostics to PATH instead of stderr, so they never mix with the guest's stderr (also {Logging.CliLogging.LogFileVariable}).",
    };

    public void AddTo(Command command)
    {
        foreach (Option option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <exception cref="CliUsageException">The limits file or an option value is unusable.</exception>
    public VmSettings Read(ParseResult parse, Func<string, string?> environment)
    {
        string? limitsFile = parse.GetValue(_limits);
        ResourceLimits limits = limitsFile is null ? new ResourceLimits() : LimitsFile.Load(limitsFile);
        limits.MaxProcesses = parse.GetValue(_maxProcesses) ?? limits.MaxProcesses;
        limits.MaxOpenFds = parse.GetValue(_maxOpenFds) ?? limits.MaxOpenFds;
        limits.MaxSockets = parse.GetValue(_maxSockets) ?? limits.MaxSockets;
        limits.MaxPtys = parse.GetValue(_maxPtys) ?? limits.MaxPtys;
        limits.MaxFilesystemBytes = parse.GetValue(_maxFilesystemBytes) ?? limits.MaxFilesystemBytes;
        limits.MaxWasmStackBytes = parse.GetValue(_maxWasmStackBytes) ?? limits.MaxWasmStackBytes;
        limits.MaxWasmMemoryBytes = parse.GetValue(_maxWasmMemoryBytes) ?? limits.MaxWasmMemoryBytes;
        limits.MaxMemoryBytes = parse.GetValue(_maxMemoryBytes) ?? limits.MaxMemoryBytes;
        limits.MaxCpuCores = parse.GetValue(_maxCpuCores) ?? limits.MaxCpuCores;

        string[] software = parse.GetValue(_software) ?? [];
        var env = new List<KeyValuePair<string, string>>();
        foreach (string pair in parse.GetValue(_env) ?? [])
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliUsageException($"--env: expected K=V, got '{pair}'");
            }

            env.Add(new(pair[..equals], pair[(equals + 1)..]));
        }

        string[] allowNet = parse.GetValue(_allowNet) ?? [];
        try
        {
            _ = new NetworkPolicy(allowNet);
        }
        catch (FormatException e)
        {
            throw new CliUsageException("--allow-net: " + e.Message);
        }

        string[] dnsServers = parse.GetValue(_dnsServer) ?? [];
        foreach (var server in dnsServers)
        {
            try
            {
                _ = HostDns.ParseServer(server);
            }
            catch (FormatException e)
            {
                throw new CliUsageException("--dns-server: " + e.Message);
            }
        }

        var mounts = new List<HostMount>();
        foreach (var text in parse.GetValue(_mount) ?? [])
        {
            try
            {
                mounts.Add(HostMount.Parse(text));
            }
            catch (FormatException e)
            {
                throw new CliUsageException("--mount: " + e.Message);
            }
        }

        return new VmSettings(
            limits,
            limitsFile,
            software.Length == 0 ? [SoftwareCatalog.CommonName] : software,
            parse.GetValue(_cwd),
            env,
            allowNet,
            dnsServers,
            CliLogLevel.Resolve(parse.GetValue(_logLevel), environment),
            Logging.CliLogging.ResolveLogFile(parse.GetValue(_logFile), environment))
        {
            Mounts = mounts,
            CopyIn = [.. (parse.GetValue(_copyIn) ?? []).Select(text => SplitPair("--copy-in", "HOST:GUEST", text))],
            CopyOut = [.. (parse.GetValue(_copyOut) ?? []).Select(text => SplitPair("--copy-out", "GUEST:HOST", text))],
        };
    }

    // The last colon separates: guest paths seldom contain one, host paths (Windows drives) may.
    private static (string From, string To) SplitPair(string option, string shape, string text)
    {
        var separator = option == "--copy-in" ? text.LastIndexOf(':') : text.IndexOf(':', StringComparison.Ordinal);
        return separator <= 0 || separator == text.Length - 1
            ? throw new CliUsageException($"{option}: expected {shape}, got '{text}'")
            : (text[..separator], text[(separator + 1)..]);
    }

    private static Option<int?> Count(string name, string description) => new(name)
    {
        HelpName = "N",
        Description = description,
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int value))
            {
                return value;
            }

            result.AddError($"{name}: '{text}' is not an integer");
            return null;
        },
    };

    private static Option<long?> Size(string name, string description) => new(name)
    {
        HelpName = "SIZE",
        Description = description + " SIZE: bytes or K/M/G (KiB/MiB/GiB).",
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (SizeParser.TryParse(text, out long bytes))
            {
                return bytes;
            }

            result.AddError($"{name}: '{text}' is not a size ({SizeParser.Syntax})");
            return null;
        },
    };
}
