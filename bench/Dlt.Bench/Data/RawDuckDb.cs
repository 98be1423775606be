using System.Globalization;
using Dlt.DuckDb;
using DuckDB.NET.Data;

namespace Dlt.Bench.Data;

/// <summary>
/// A fresh DuckDB file for the baselines, opened with the same engine settings the destination
/// uses by default (threads, memory_limit, preserve_insertion_order, UTC, no external file cache), so that both sides get the same engine.
/// </summary>
internal sealed class RawDuckDb : IDisposable
{
    public RawDuckDb(string runDirectory)
    {
        DatabasePath = Path.Combine(runDirectory, "baseline.duckdb");
        Connection = new DuckDBConnection($"Data Source={DatabasePath}");
        Connection.Open();
        var options = new DuckDbOptions();
        Execute($"SET threads = {options.Threads}; SET memory_limit = '{options.MemoryLimit}'; SET TimeZone = 'UTC'; SET enable_external_file_cache = false; SET preserve_insertion_order = {(options.PreserveInsertionOrder ? "true" : "false")};");
        Execute($"CREATE SCHEMA \"{StagedPipeline.DatasetName}\"");
    }

    public string DatabasePath { get; }

    public DuckDBConnection Connection { get; }

    public static string Table(string name) => $"\"{StagedPipeline.DatasetName}\".\"{name}\"";

    public void Execute(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Fails unless <paramref name="table"/> of the database file holds <paramref name="expected"/> rows: a run that loaded nothing must not report a speed.</summary>
    public static void ExpectRows(string databasePath, string table, long expected)
    {
        using var connection = new DuckDBConnection($"Data Source={databasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {Table(table)}";
        var actual = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (actual != expected)
        {
            throw new InvalidOperationException($"Table {Table(table)} of '{databasePath}' holds {actual} rows; expected {expected}.");
        }
    }

    /// <summary>
    /// The rows of all data tables of the dataset (every table but dlt's own <c>_dlt_</c> tables),
    /// after checking that <paramref name="parentTable"/> holds <paramref name="records"/> rows.
    /// </summary>
    public static long DataTableRows(string databasePath, string parentTable, long records)
    {
        ExpectRows(databasePath, parentTable, records);
        using var connection = new DuckDBConnection($"Data Source={databasePath}");
        connection.Open();
        using var tables = connection.CreateCommand();
        tables.CommandText = $"SELECT table_name FROM information_schema.tables WHERE table_schema = '{StagedPipeline.DatasetName}' AND NOT starts_with(table_name, '_dlt_')";
        var names = new List<string>();
        using (var reader = tables.ExecuteReader())
        {
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }

        using var count = connection.CreateCommand();
        count.CommandText = "SELECT " + string.Join(" + ", names.Select(name => $"(SELECT count(*) FROM {Table(name)})"));
        return names.Count == 0 ? 0 : Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void Dispose() => Connection.Dispose();
}
