using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Dlt.ConformanceTests.Canonical;
using DuckDB.NET.Data;

namespace Dlt.ConformanceTests.Database;

/// <summary>
/// Reads what a pipeline loaded into a DuckDB file: tables and columns from <c>information_schema</c>,
/// row counts, and rows rendered as the README's canonical JSON values.
/// </summary>
internal sealed class DuckDbTableReader : IDatabaseReader
{
    private readonly DuckDBConnection _connection;
    private readonly string _catalog;

    public DuckDbTableReader(string databasePath)
    {
        // A second connection in the same process shares the pipeline's database instance (DuckDB.NET).
        _connection = new DuckDBConnection($"Data Source={databasePath}");
        _connection.Open();
        using var command = Command("SELECT current_database()");
        _catalog = (string)command.ExecuteScalar()!;
    }

    public string EngineName => "DuckDB";

    public bool Stores(DatabaseColumn column, string? dltType) => DuckDbTypes.Stores(column.DataType, dltType);

    public IReadOnlyList<string> ListTables(string schema)
    {
        using var command = Command(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = $1 AND table_schema = $2 ORDER BY table_name",
            _catalog,
            schema);
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    public IReadOnlyList<DatabaseColumn> ReadColumns(string schema, string table)
    {
        using var command = Command(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_catalog = $1 AND table_schema = $2 AND table_name = $3 ORDER BY ordinal_position",
            _catalog,
            schema,
            table);
        using var reader = command.ExecuteReader();
        var columns = new List<DatabaseColumn>();
        while (reader.Read())
        {
            columns.Add(new DatabaseColumn(reader.GetString(0), reader.GetString(1), DuckDbTypes.ToDltType(reader.GetString(1))));
        }

        return columns;
    }

    public long CountRows(string schema, string table)
    {
        using var command = Command($"SELECT count(*) FROM {Qualified(schema, table)}");
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Reads every row of a table, columns in the database's order, values in canonical JSON form.</summary>
    public RawTable ReadTable(string schema, string table, string? parent)
    {
        var columns = ReadColumns(schema, table);
        var select = string.Join(", ", columns.Select(SelectExpression));
        using var command = Command($"SELECT {select} FROM {Qualified(schema, table)}");
        return CanonicalRows.Read(command, table, parent, columns, ToCanonical);
    }

    public void Dispose() => _connection.Dispose();

    // Qualified with the catalog: a database file named like the dataset makes "schema"."table" ambiguous.
    private string Qualified(string schema, string table) => $"{Quote(_catalog)}.{Quote(schema)}.{Quote(table)}";

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    // Conversions happen in SQL where DuckDB is exact and independent of the session time zone.
    private static string SelectExpression(DatabaseColumn column) => column.DataType switch
    {
        _ when column.DataType.StartsWith("TIMESTAMP", StringComparison.Ordinal) => $"epoch_us({Quote(column.Name)})",
        "BLOB" => $"lower(hex({Quote(column.Name)}))",
        "JSON" or "DATE" => $"CAST({Quote(column.Name)} AS VARCHAR)",
        _ when column.DataType.StartsWith("DECIMAL", StringComparison.Ordinal) => $"CAST({Quote(column.Name)} AS VARCHAR)",
        _ => Quote(column.Name),
    };

    private static JsonNode? ToCanonical(DatabaseColumn column, object value)
    {
        if (column.DataType.StartsWith("TIMESTAMP", StringComparison.Ordinal))
        {
            return IsoTimestamp.FromUnixMicroseconds(Convert.ToInt64(value, CultureInfo.InvariantCulture));
        }

        if (column.DataType == "JSON")
        {
            return JsonNode.Parse((string)value);
        }

        return value switch
        {
            string text => text,
            bool flag => flag,
            long integer => integer,
            int integer => (long)integer,
            short integer => (long)integer,
            sbyte integer => (long)integer,
            ulong integer => integer,
            uint integer => (long)integer,
            ushort integer => (long)integer,
            byte integer => (long)integer,
            BigInteger integer => JsonValue.Create(integer),
            double real => real,
            float real => (double)real,
            TimeOnly time => IsoTimestamp.Format(time),
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
    }

    private DuckDBCommand Command(string sql, params object[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(parameter));
        }

        return command;
    }
}
