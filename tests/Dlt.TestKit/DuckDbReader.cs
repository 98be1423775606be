using DuckDB.NET.Data;

namespace Dlt.TestKit;

/// <summary>Reads one dataset of a DuckDB file back for assertions.</summary>
public sealed class DuckDbReader : IDatasetReader
{
    private readonly DuckDBConnection _connection;

    public DuckDbReader(string path, string dataset)
    {
        Dataset = dataset;
        _connection = new DuckDBConnection($"Data Source={path}");
        _connection.Open();
    }

    public string Dataset { get; }

    public IReadOnlyList<object?[]> Query(string sql) => DbRows.Read(_connection, sql);

    public IReadOnlyList<string> Tables() =>
        [.. Query($"SELECT table_name FROM information_schema.tables WHERE table_schema = '{Dataset}'").Select(r => (string)r[0]!).Order(StringComparer.Ordinal)];

    public IReadOnlyList<DatasetColumn> Columns(string table) =>
        [.. Query($"SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = '{Dataset}' AND table_name = '{table}' ORDER BY ordinal_position")
            .Select(r => new DatasetColumn((string)r[0]!, DltTypes.FromDuckDb((string)r[1]!), (string)r[1]!, (string)r[2]! == "YES"))];

    public string Table(string name) => $"\"{Dataset}\".\"{name}\"";

    public string AsText(string expression) => $"CAST({expression} AS VARCHAR)";

    public string EpochMicros(string expression) => $"epoch_us({expression})";

    public string Hex(string expression) => $"hex({expression})";

    public string IntegerText(string expression) => $"CAST({expression} AS VARCHAR)";

    public void Dispose() => _connection.Dispose();
}
