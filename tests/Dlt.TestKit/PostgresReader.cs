using Npgsql;

namespace Dlt.TestKit;

/// <summary>Reads one dataset (PostgreSQL schema) of the test database back for assertions.</summary>
public sealed class PostgresReader : IDatasetReader
{
    private readonly NpgsqlConnection _connection;

    public PostgresReader(string connectionString, string dataset)
    {
        Dataset = dataset;
        _connection = new NpgsqlConnection(connectionString);
        _connection.Open();
    }

    public string Dataset { get; }

    public IReadOnlyList<object?[]> Query(string sql) => DbRows.Read(_connection, sql);

    public IReadOnlyList<string> Tables() =>
        [.. Query($"SELECT table_name::text FROM information_schema.tables WHERE table_schema = '{Dataset}'").Select(r => (string)r[0]!).Order(StringComparer.Ordinal)];

    public IReadOnlyList<DatasetColumn> Columns(string table) =>
        [.. Query($"""
            SELECT a.attname::text, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull
            FROM pg_attribute a
            WHERE a.attrelid = '{Table(table).Replace("'", "''", StringComparison.Ordinal)}'::regclass AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """)
            .Select(r => new DatasetColumn((string)r[0]!, DltTypes.FromPostgres((string)r[1]!), (string)r[1]!, (bool)r[2]!))];

    public string Table(string name) => $"\"{Dataset}\".\"{name}\"";

    public string AsText(string expression) => $"({expression})::text";

    public string EpochMicros(string expression) => $"(extract(epoch from {expression}) * 1000000)::bigint";

    public string Hex(string expression) => $"upper(encode({expression}, 'hex'))";

    public string IntegerText(string expression) => $"trim_scale({expression})::text";

    public void Dispose() => _connection.Dispose();
}
