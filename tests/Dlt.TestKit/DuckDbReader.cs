using DuckDB.NET.Data;

namespace Dlt.TestKit;

/// <summary>Reads tables back from a DuckDB file for assertions.</summary>
public sealed class DuckDbReader : IDisposable
{
    private readonly DuckDBConnection _connection;

    public DuckDbReader(string path)
    {
        _connection = new DuckDBConnection($"Data Source={path}");
        _connection.Open();
    }

    public IReadOnlyList<object?[]> Query(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public object? Scalar(string sql) => Query(sql) is [var first, ..] ? first[0] : null;

    public long Count(string dataset, string table) => Convert.ToInt64(Scalar($"SELECT count(*) FROM \"{dataset}\".\"{table}\""), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Table names of a dataset, sorted.</summary>
    public IReadOnlyList<string> Tables(string dataset) =>
        [.. Query($"SELECT table_name FROM information_schema.tables WHERE table_schema = '{dataset}' ORDER BY table_name").Select(r => (string)r[0]!)];

    /// <summary>Columns of a table in order: name, DuckDB type, nullable.</summary>
    public IReadOnlyList<(string Name, string Type, bool Nullable)> Columns(string dataset, string table) =>
        [.. Query($"SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = '{dataset}' AND table_name = '{table}' ORDER BY ordinal_position")
            .Select(r => ((string)r[0]!, (string)r[1]!, (string)r[2]! == "YES"))];

    public void Dispose() => _connection.Dispose();
}
