using System.Text.Json;
using Dlt.DuckDb;
using Dlt.Storage;

namespace Dlt.Tests.Support;

/// <summary>
/// A pipeline named <c>t</c> in a temp folder, run to the normalize stage only (no database is
/// touched); reads back the stored schema JSON and the Parquet files of the normalized packages.
/// </summary>
internal sealed class NormalizeRun : IDisposable
{
    public const string PipelineName = "t";

    private readonly TempDirectory _directory = new();

    public NormalizeRun(PipelineOptions? options = null)
    {
        Pipeline = Pipeline.Create(
            PipelineName,
            DuckDbDestination.Create(Path.Combine(_directory.Path, "x.duckdb")),
            "ds",
            (options ?? new PipelineOptions()) with { PipelinesDirectory = _directory.Path });
    }

    public Pipeline Pipeline { get; }

    public string WorkingDirectory => Path.Combine(_directory.Path, PipelineName);

    /// <summary>The load id of the last package extracted.</summary>
    public string LastLoadId { get; private set; } = "";

    /// <summary>Runs a new pipeline over <paramref name="resources"/> to the normalize stage.</summary>
    public static async Task<NormalizeRun> OfAsync(params Resource[] resources)
    {
        var run = new NormalizeRun();
        await run.ExtractAndNormalizeAsync(resources);
        return run;
    }

    /// <summary>Extracts and normalizes one more package; returns its load id.</summary>
    public async Task<string> ExtractAndNormalizeAsync(params Resource[] resources)
    {
        LastLoadId = await Pipeline.ExtractAsync(resources);
        await Pipeline.NormalizeAsync();
        return LastLoadId;
    }

    /// <summary>Extracts and normalizes one more package under a run-level schema contract; returns its load id.</summary>
    public async Task<string> ExtractAndNormalizeAsync(Resource[] resources, SchemaContract schemaContract)
    {
        LastLoadId = await Pipeline.ExtractAsync(resources, schemaContract);
        await Pipeline.NormalizeAsync();
        return LastLoadId;
    }

    /// <summary>The stored schema <c>schemas/t.schema.json</c>, read afresh.</summary>
    public JsonElement Schema
    {
        get
        {
            var path = Path.Combine(WorkingDirectory, "schemas", PipelineName + ".schema.json");
            return JsonSerializer.Deserialize<JsonElement>(File.ReadAllBytes(path));
        }
    }

    /// <summary>All tables of the schema in schema order, dlt's system tables included.</summary>
    public IReadOnlyList<string> TableNames => [.. Schema.GetProperty("tables").EnumerateObject().Select(t => t.Name)];

    /// <summary>The tables that do not start with <c>_dlt</c>, in schema order.</summary>
    public IReadOnlyList<string> DataTableNames => [.. TableNames.Where(t => !t.StartsWith("_dlt", StringComparison.Ordinal))];

    public JsonElement Table(string table) => Schema.GetProperty("tables").GetProperty(table);

    public string? Parent(string table) => Table(table).TryGetProperty("parent", out var parent) ? parent.GetString() : null;

    public IReadOnlyList<string> ColumnNames(string table) =>
        [.. Table(table).GetProperty("columns").EnumerateObject().Select(c => c.Name)];

    public JsonElement Column(string table, string column) => Table(table).GetProperty("columns").GetProperty(column);

    public string DataType(string table, string column) => Column(table, column).GetProperty("data_type").GetString()!;

    public bool Flag(string table, string column, string hint) =>
        Column(table, column).TryGetProperty(hint, out var value) && value.GetBoolean();

    /// <summary>The Parquet job files of <paramref name="table"/> in a normalized package (the last one by default).</summary>
    public IReadOnlyList<string> JobFiles(string table, string? loadId = null)
    {
        var jobs = Path.Combine(WorkingDirectory, "load", "normalized", loadId ?? LastLoadId, "new_jobs");
        return
        [
            .. Directory.GetFiles(jobs)
                .Where(f => JobFileName.Parse(Path.GetFileName(f)).Table == table)
                .OrderBy(File.GetLastWriteTimeUtc)
                .ThenBy(f => f, StringComparer.Ordinal),
        ];
    }

    /// <summary>The rows written for <paramref name="table"/> in a normalized package (the last one by default).</summary>
    public List<Dictionary<string, object?>> Rows(string table, string? loadId = null) =>
        [.. JobFiles(table, loadId).SelectMany(ParquetRows.Read)];

    public void Dispose() => _directory.Dispose();
}
