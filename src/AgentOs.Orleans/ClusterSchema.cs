using Npgsql;

namespace AgentOs.Orleans;

/// <summary>Orleans' PostgreSQL scripts for the ADO.NET providers this library uses (see Schema/README.md), each
/// applied when its table is missing.</summary>
internal static class ClusterSchema
{
    // Any constant: it only keeps nodes starting at the same moment from creating the same tables twice.
    private const long LockKey = 0x4167_656E_744F_73;

    private static readonly (string Table, string Script)[] Parts =
    [
        ("orleansquery", "PostgreSQL-Main.sql"),
        ("orleansmembershiptable", "PostgreSQL-Clustering.sql"),
        ("orleansstorage", "PostgreSQL-Persistence.sql"),
    ];

    /// <summary>Creates what is missing, in one transaction; returns the scripts applied (none when all was there).</summary>
    public static async Task<IReadOnlyList<string>> EnsureAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new List<string>();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({LockKey})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var (table, script) in Parts)
        {
            if (await ExistsAsync(connection, transaction, table, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            await using var command = new NpgsqlCommand(Read(script), connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            applied.Add(script);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return applied;
    }

    /// <summary>Whether every table of the schema exists.</summary>
    public static async Task<bool> ExistsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        foreach (var (table, _) in Parts)
        {
            if (!await ExistsAsync(connection, null, table, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection, transaction);
        command.Parameters.AddWithValue("table", table);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static string Read(string script)
    {
        using var stream = typeof(ClusterSchema).Assembly.GetManifestResourceStream("AgentOs.Orleans.Schema." + script)
            ?? throw new InvalidOperationException($"AgentOs.Orleans.dll lacks its embedded {script}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
