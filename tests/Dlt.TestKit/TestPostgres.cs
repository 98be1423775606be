using Dlt.Postgres;
using Npgsql;

namespace Dlt.TestKit;

/// <summary>
/// The PostgreSQL server of the test run: <c>scripts/test.sh</c> starts a private cluster and exports
/// its connection string as <c>DLT_TEST_POSTGRES</c>. Without it the PostgreSQL tests fail (never
/// skip), in CI and locally alike, since the script always starts the server.
/// </summary>
public static class TestPostgres
{
    public const string EnvironmentVariable = "DLT_TEST_POSTGRES";

    /// <summary>The Npgsql keyword connection string of the test database.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set, so the PostgreSQL tests cannot run. Run `bash scripts/test.sh`, which starts a private PostgreSQL "
                + $"and sets it, or set {EnvironmentVariable}=\"Host=127.0.0.1;Port=...;Username=...;Password=...;Database=...\" for a server of your own.");

    public static PostgresCredentials Credentials => PostgresCredentials.Parse(ConnectionString);

    /// <summary>A schema name no other test uses: tests share one database.</summary>
    public static string UniqueDataset(string prefix = "test_data") => $"{prefix}_{Guid.NewGuid().ToString("N")[..12]}";

    public static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public static void DropSchema(string dataset) => Execute($"DROP SCHEMA IF EXISTS \"{dataset}\" CASCADE");
}
