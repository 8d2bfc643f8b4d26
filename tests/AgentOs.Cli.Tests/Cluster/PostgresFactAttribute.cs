namespace AgentOs.Cli.Tests.Cluster;

/// <summary>
/// A test that starts its own PostgreSQL server (<see cref="PostgresServer"/>): reported as skipped (not passed) where
/// the server binaries are missing. <c>.ci/run</c> installs PostgreSQL and sets <c>AGENTOS_REQUIRE_POSTGRES</c>, so
/// there a missing server fails instead.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.BinDirectory is null && Environment.GetEnvironmentVariable("AGENTOS_REQUIRE_POSTGRES") is not { Length: > 0 })
        {
            Skip = "needs the PostgreSQL server binaries initdb and postgres (apt-get install postgresql)";
        }
    }
}
