using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Dlt.ConformanceTests.Canonical;
using Npgsql;

namespace Dlt.ConformanceTests.Database;

/// <summary>
/// Reads what a pipeline loaded into a PostgreSQL schema: tables and columns from the catalog
/// (<c>format_type</c> names), row counts, and rows rendered as the README's canonical JSON values.
/// </summary>
internal sealed class PostgresTableReader : IDatabaseReader
{
    private readonly NpgsqlConnection _connection;

    public PostgresTableReader(string connectionString)
    {
        _connection = new NpgsqlConnection(connectionString);
        _connection.Open();
    }

    public string EngineName => "PostgreSQL";

    public bool Stores(DatabaseColumn column, string? dltType) => PostgresTypes.Stores(column.DataType, dltType);

    public IReadOnlyList<string> ListTables(string schema)
    {
        using var command = Command("SELECT table_name::text FROM information_schema.tables WHERE table_schema = $1", schema);
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }

        tables.Sort(StringComparer.Ordinal);
        return tables;
    }

    public IReadOnlyList<DatabaseColumn> ReadColumns(string schema, string table)
    {
        using var command = Command(
            """
            SELECT a.attname::text, format_type(a.atttypid, a.atttypmod)
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """,
            schema,
            table);
        using var reader = command.ExecuteReader();
        var columns = new List<DatabaseColumn>();
        while (reader.Read())
        {
            columns.Add(new DatabaseColumn(reader.GetString(0), reader.GetString(1), PostgresTypes.ToDltType(reader.GetString(1))));
        }

        return columns;
    }

    public long CountRows(string schema, string table)
    {
        using var command = Command($"SELECT count(*) FROM {Qualified(schema, table)}");
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public RawTable ReadTable(string schema, string table, string? parent)
    {
        var columns = ReadColumns(schema, table);
        var select = string.Join(", ", columns.Select(SelectExpression));
        using var command = Command($"SELECT {select} FROM {Qualified(schema, table)}");
        return CanonicalRows.Read(command, table, parent, columns, ToCanonical);
    }

    public void Dispose() => _connection.Dispose();

    private static string Qualified(string schema, string table) => $"{DuckDbTableReader.Quote(schema)}.{DuckDbTableReader.Quote(table)}";

    // Conversions happen in SQL where PostgreSQL is exact and independent of the session time zone.
    private static string SelectExpression(DatabaseColumn column)
    {
        var name = DuckDbTableReader.Quote(column.Name);
        return column.DltType switch
        {
            "timestamp" => $"(extract(epoch from {name}) * 1000000)::bigint",
            "binary" => $"encode({name}, 'hex')",
            "json" or "date" or "time" or "decimal" or "wei" => $"{name}::text",
            _ => name,
        };
    }

    private static JsonNode? ToCanonical(DatabaseColumn column, object value)
    {
        switch (column.DltType)
        {
            case "timestamp":
                return IsoTimestamp.FromUnixMicroseconds(Convert.ToInt64(value, CultureInfo.InvariantCulture));
            case "json":
                // jsonb reorders object keys; the comparison ignores key order.
                return JsonNode.Parse((string)value);
        }

        return value switch
        {
            string text => text,
            bool flag => flag,
            long integer => integer,
            int integer => (long)integer,
            short integer => (long)integer,
            BigInteger integer => JsonValue.Create(integer),
            double real => real,
            float real => (double)real,
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
    }

    private NpgsqlCommand Command(string sql, params object[] parameters)
    {
        var command = new NpgsqlCommand(sql, _connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }
}
