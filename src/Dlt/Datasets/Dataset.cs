using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Apache.Arrow;
using Dlt.Datasets;
using Dlt.Destinations;

namespace Dlt;

/// <summary>
/// Read access to the tables a pipeline loaded (dlt's <c>pipeline.dataset()</c>), through the destination's own
/// client: the tables with their row counts, a table or a SQL query as rows (dictionaries or records), or as an
/// Arrow stream of record batches. Every call opens its own connection and closes it when it ends.
/// </summary>
public sealed class Dataset
{
    private static readonly JsonSerializerOptions s_recordOptions = new() { PropertyNameCaseInsensitive = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly Destination _destination;

    internal Dataset(Destination destination, string name)
    {
        _destination = destination;
        Name = name;
    }

    /// <summary>The dataset (database schema) name.</summary>
    public string Name { get; }

    /// <summary>The tables of the dataset, sorted; dlt's own tables (<c>_dlt_*</c>) only with <paramref name="includeDltTables"/>.</summary>
    public async Task<IReadOnlyList<string>> TablesAsync(bool includeDltTables = false, CancellationToken cancellationToken = default)
    {
        var tables = new List<string>();
        var connection = await _destination.OpenReadConnectionAsync(Name, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT table_name FROM information_schema.tables WHERE table_schema = {SqlIdentifier.Literal(Name)} AND table_catalog = current_database() ORDER BY table_name";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var table = reader.GetString(0);
                if (includeDltTables || !table.StartsWith("_dlt", StringComparison.Ordinal))
                {
                    tables.Add(table);
                }
            }
        }

        return tables;
    }

    /// <summary>The row count of every table of the dataset (dlt's <c>row_counts()</c>), sorted by table; dlt's own tables only with <paramref name="includeDltTables"/>.</summary>
    public async Task<IReadOnlyList<TableRowCount>> RowCountsAsync(bool includeDltTables = false, CancellationToken cancellationToken = default)
    {
        var tables = await TablesAsync(includeDltTables, cancellationToken).ConfigureAwait(false);
        if (tables.Count == 0)
        {
            return [];
        }

        var counts = new List<TableRowCount>(tables.Count);
        var sql = string.Join(" UNION ALL ", tables.Select(t => $"SELECT {SqlIdentifier.Literal(t)} AS table_name, COUNT(*) AS row_count FROM {Qualified(t)}")) + " ORDER BY table_name";
        await foreach (var row in QueryAsync(sql, cancellationToken).ConfigureAwait(false))
        {
            counts.Add(new TableRowCount((string)row["table_name"]!, Convert.ToInt64(row["row_count"], System.Globalization.CultureInfo.InvariantCulture)));
        }

        return counts;
    }

    /// <summary>The rows of <paramref name="table"/> (at most <paramref name="limit"/>), each a dictionary from column name to value (<see langword="null"/> for SQL NULL).</summary>
    public IAsyncEnumerable<IReadOnlyDictionary<string, object?>> ReadTableAsync(string table, int? limit = null, CancellationToken cancellationToken = default) =>
        QueryAsync(TableQuery(table, limit), cancellationToken);

    /// <summary>The rows of <paramref name="table"/> (at most <paramref name="limit"/>) as <typeparamref name="T"/>, matching columns to properties by their snake_case names (System.Text.Json).</summary>
    public IAsyncEnumerable<T> ReadTableAsync<T>(string table, int? limit = null, CancellationToken cancellationToken = default) =>
        QueryAsync<T>(TableQuery(table, limit), cancellationToken);

    /// <summary>
    /// Runs <paramref name="sql"/> in the destination's SQL dialect (unqualified table names are the dataset's) and
    /// yields its rows as dictionaries from column name to value (<see langword="null"/> for SQL NULL).
    /// </summary>
    /// <exception cref="InvalidOperationException">The destination rejected the query; the message has its reason.</exception>
    public async IAsyncEnumerable<IReadOnlyDictionary<string, object?>> QueryAsync(string sql, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        var connection = await _destination.OpenReadConnectionAsync(Name, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
            var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = new Dictionary<string, object?>(names.Length, StringComparer.Ordinal);
                for (var i = 0; i < names.Length; i++)
                {
                    row[names[i]] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                yield return row;
            }
        }
    }

    /// <summary>Runs <paramref name="sql"/> and yields its rows as <typeparamref name="T"/>, matching columns to properties by their snake_case names (System.Text.Json).</summary>
    public async IAsyncEnumerable<T> QueryAsync<T>(string sql, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in QueryAsync(sql, cancellationToken).ConfigureAwait(false))
        {
            yield return JsonSerializer.SerializeToElement(row, s_recordOptions).Deserialize<T>(s_recordOptions)!;
        }
    }

    /// <summary>The rows of <paramref name="table"/> (at most <paramref name="limit"/>) as Arrow record batches of at most <paramref name="batchSize"/> rows.</summary>
    public IAsyncEnumerable<RecordBatch> ReadTableArrowAsync(string table, int? limit = null, int batchSize = ArrowBatches.DefaultBatchSize, CancellationToken cancellationToken = default) =>
        QueryArrowAsync(TableQuery(table, limit), batchSize, cancellationToken);

    /// <summary>
    /// Runs <paramref name="sql"/> and yields its rows as Arrow record batches of at most <paramref name="batchSize"/> rows,
    /// one schema for all: integers, floating point, decimals, booleans, text, binary, dates, times and timestamps
    /// keep their types (timestamps in microseconds, UTC for time-zone aware columns); other values become text.
    /// </summary>
    public async IAsyncEnumerable<RecordBatch> QueryArrowAsync(string sql, int batchSize = ArrowBatches.DefaultBatchSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var connection = await _destination.OpenReadConnectionAsync(Name, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
            await foreach (var batch in ArrowBatches.ReadAsync(reader, batchSize, cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }
        }
    }

    /// <summary>The dataset's name with its destination, as in <c>shop_data (duckdb /data/shop.duckdb)</c>.</summary>
    public override string ToString() => $"{Name} ({_destination.DestinationType} {_destination.Location})";

    private string Qualified(string table) => $"{SqlIdentifier.Quote(Name)}.{SqlIdentifier.Quote(table)}";

    private string TableQuery(string table, int? limit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        if (limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The limit must not be negative.");
        }

        return $"SELECT * FROM {Qualified(table)}" + (limit is { } rows ? $" LIMIT {rows}" : "");
    }

    private async Task<DbDataReader> ExecuteAsync(DbCommand command, CancellationToken cancellationToken)
    {
        try
        {
            return await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw new InvalidOperationException($"The query on dataset '{Name}' of {_destination.DestinationType} ({_destination.Location}) failed: {ex.Message.Trim()}", ex);
        }
    }
}
