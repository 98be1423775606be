using Dlt.DuckDb;
using Dlt.Postgres;

namespace Dlt.TestKit;

/// <summary>
/// A destination for one test, by kind: <c>duckdb</c> (a DuckDB file in the test's temp folder) or
/// <c>postgres</c> (a fresh, uniquely named schema in the shared test database, dropped on dispose).
/// Pipelines it creates share one destination instance and one pipelines folder.
/// </summary>
public sealed class TestDestination : IDisposable
{
    public const string DuckDb = "duckdb";
    public const string Postgres = "postgres";

    private readonly TempPipelineDirectory _directory = new();
    private readonly Destination _destination;

    private TestDestination(string kind)
    {
        Kind = kind;
        switch (kind)
        {
            case DuckDb:
                Dataset = "test_data";
                _destination = DuckDbDestination.Create(_directory.DatabasePath, new DuckDbOptions { Threads = 1, MemoryLimit = "512MB" });
                break;
            case Postgres:
                Dataset = TestPostgres.UniqueDataset();
                _destination = PostgresDestination.Create(TestPostgres.ConnectionString);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Unknown destination kind; use {DuckDb} or {Postgres}.");
        }
    }

    public string Kind { get; }

    /// <summary>The dataset the pipelines load into.</summary>
    public string Dataset { get; }

    public Destination Destination => _destination;

    public string Root => _directory.Root;

    public string PipelinesDirectory => _directory.PipelinesDirectory;

    public static TestDestination Create(string kind) => new(kind);

    public Pipeline CreatePipeline(string name = "test_pipeline") =>
        Pipeline.Create(name, _destination, Dataset, _directory.Options);

    /// <summary>A pipeline with the options this destination's pipelines share, changed by <paramref name="configure"/>.</summary>
    public Pipeline CreatePipeline(Func<PipelineOptions, PipelineOptions> configure, string name = "test_pipeline") =>
        Pipeline.Create(name, _destination, Dataset, configure(_directory.Options));

    public IDatasetReader OpenReader() => Kind == DuckDb
        ? new DuckDbReader(_directory.DatabasePath, Dataset)
        : new PostgresReader(TestPostgres.ConnectionString, Dataset);

    /// <summary>The folder of a finished (loaded or aborted) package of the default pipeline.</summary>
    public string LoadedPackage(string loadId, string pipeline = "test_pipeline") =>
        Path.Combine(PipelinesDirectory, pipeline, "load", "loaded", loadId);

    public void Dispose()
    {
        if (_destination is PostgresDestination postgres)
        {
            postgres.Dispose();
            TestPostgres.DropSchema(Dataset);
        }

        _directory.Dispose();
    }
}
