using System.Diagnostics;
using AgentOs.Testing;
using Npgsql;

namespace AgentOs.Cli.Tests.Cluster;

/// <summary>
/// A throw-away PostgreSQL server: initdb into a temporary directory, <c>postgres</c> on a free loopback port with its
/// socket in that directory, an <c>agentos</c> database, trust authentication. PostgreSQL refuses to run as root, so
/// as root the server runs as the <c>postgres</c> user (else <c>nobody</c>) through runuser.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private readonly Process _server;
    private readonly string _directory;

    private PostgresServer(Process server, string directory, int port)
    {
        _server = server;
        _directory = directory;
        Port = port;
    }

    /// <summary>The directory with initdb and postgres: the newest /usr/lib/postgresql/N/bin, else PATH; null: none.</summary>
    public static string? BinDirectory { get; } = FindBinaries();

    public int Port { get; }

    /// <summary>The cluster URL of the <c>agentos</c> database.</summary>
    public string Url => $"postgres://agentos@127.0.0.1:{Port}/agentos";

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=agentos;Database=agentos";

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = BinDirectory ?? throw new InvalidOperationException("PostgreSQL server binaries not found (apt-get install postgresql)");
        var directory = Path.Combine(Path.GetTempPath(), "agentos-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var user = Environment.UserName == "root" ? (File.ReadAllText("/etc/passwd").Contains("\npostgres:", StringComparison.Ordinal) ? "postgres" : "nobody") : null;
        if (user is not null)
        {
            await RunAsync("chown", [user, directory]);
        }

        var data = Path.Combine(directory, "data");
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "agentos", "--auth=trust", "-E", "UTF8", "--no-sync"], user);
        var port = LoopbackPort.Free();
        var server = Process.Start(Start(Path.Combine(bin, "postgres"),
            ["-D", data, "-k", directory, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"], user))!;
        server.StandardInput.Close();
        _ = server.StandardOutput.ReadToEndAsync();
        var log = server.StandardError.ReadToEndAsync();
        var postgres = new PostgresServer(server, directory, port);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=agentos;Database=postgres");
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand("CREATE DATABASE agentos", connection);
                await create.ExecuteNonQueryAsync();
                return postgres;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline && !server.HasExited)
            {
                await Task.Delay(200);
            }
            catch (NpgsqlException e)
            {
                await postgres.DisposeAsync();
                throw new InvalidOperationException($"postgres did not start: {e.Message}; log: {await log}", e);
            }
        }
    }

    /// <summary>Runs one statement in the agentos database.</summary>
    public async Task<object?> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_server.HasExited)
        {
            // SIGINT is postgres' fast shutdown: it ends its backends and removes its shared memory.
            await RunAsync("kill", ["-INT", _server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _server.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _server.Kill(entireProcessTree: true);
            }
        }

        _server.Dispose();
        Directory.Delete(_directory, recursive: true);
    }


    private static ProcessStartInfo Start(string program, IEnumerable<string> args, string? user = null)
    {
        var start = new ProcessStartInfo(user is null ? program : "runuser")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (user is not null)
        {
            foreach (var arg in (string[])["-u", user, "--", program])
            {
                start.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    private static async Task RunAsync(string program, IEnumerable<string> args, string? user = null)
    {
        using var process = Process.Start(Start(program, args, user))!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited {process.ExitCode}: {await output}{await error}");
        }
    }

    private static string? FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Select(d => Path.Combine(d, "bin"))
            : [];
        candidates = candidates.Concat((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "postgres")));
    }
}
