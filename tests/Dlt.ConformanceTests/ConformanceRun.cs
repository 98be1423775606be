using System.Text.Json;
using Dlt.ConformanceTests.Comparison;
using Dlt.ConformanceTests.Corpus;
using Dlt.ConformanceTests.Database;
using Dlt.DuckDb;
using Dlt.Postgres;
using Dlt.TestKit;

namespace Dlt.ConformanceTests;

/// <summary>
/// Loads one corpus input through the public API, as the corpus was produced: pipeline <c>conformance</c>,
/// one resource named after the input, default settings. Filesystem cases load into a fresh DuckDB file
/// (dataset <c>conformance</c>); postgres cases into a fresh, uniquely named schema of the test database
/// (dropped on dispose), since the dataset name is not part of what the corpus compares.
/// </summary>
internal sealed class ConformanceRun : IDisposable
{
    public const string PipelineName = "conformance";

    private readonly PostgresDestination? _postgres;

    private ConformanceRun(string workDirectory, string destination)
    {
        // Not "conformance.duckdb": DuckDB would then have a catalog and a schema both named conformance.
        DatabasePath = Path.Combine(workDirectory, "load.duckdb");
        PipelinesDirectory = workDirectory;
        Destination = destination;
        if (destination == ConformanceCases.Postgres)
        {
            DatasetName = TestPostgres.UniqueDataset("conformance");
            _postgres = PostgresDestination.Create(TestPostgres.ConnectionString);
        }
        else
        {
            DatasetName = "conformance";
        }
    }

    public string DatabasePath { get; }

    public string PipelinesDirectory { get; }

    /// <summary>The corpus destination the run stands for: <c>filesystem</c> (DuckDB here) or <c>postgres</c>.</summary>
    public string Destination { get; }

    public string DatasetName { get; }

    /// <summary>Our stored schema; the schema is named after the pipeline, as in dlt.</summary>
    public string SchemaPath => StoredSchemaFile.PathOf(PipelinesDirectory, PipelineName, PipelineName);

    public static ConformanceRun In(string workDirectory, string destination = ConformanceCases.Filesystem) => new(workDirectory, destination);

    public IDatabaseReader OpenDatabase() => _postgres is null
        ? new DuckDbTableReader(DatabasePath)
        : new PostgresTableReader(TestPostgres.ConnectionString);

    public async Task<LoadInfo> RunAsync(ConformanceCase conformanceCase)
    {
        var documents = File.ReadLines(conformanceCase.InputFile)
            .Where(line => line.Length > 0)
            .Select(line => JsonDocument.Parse(line))
            .ToList();
        try
        {
            var pipeline = Pipeline.Create(
                PipelineName,
                _postgres is null ? DuckDbDestination.Create(DatabasePath) : _postgres,
                DatasetName,
                new PipelineOptions { PipelinesDirectory = PipelinesDirectory });
            var resource = Resource.Create(conformanceCase.InputName, documents.Select(d => d.RootElement).ToList());
            if (conformanceCase.MaxTableNesting is { } nesting)
            {
                resource = resource.WithMaxTableNesting(nesting);
            }

            if (!conformanceCase.IsMergeTwice)
            {
                return await pipeline.RunAsync(resource);
            }

            resource = resource.WithPrimaryKey("id").WithWriteDisposition(WriteDisposition.Merge);
            await pipeline.RunAsync(resource);
            return await pipeline.RunAsync(resource);
        }
        finally
        {
            foreach (var document in documents)
            {
                document.Dispose();
            }
        }
    }

    public static int CountInputItems(ConformanceCase conformanceCase) =>
        File.ReadLines(conformanceCase.InputFile).Count(line => line.Length > 0);

    public void Dispose()
    {
        if (_postgres is not null)
        {
            _postgres.Dispose();
            if (!WorkDirectory.Keep)
            {
                TestPostgres.DropSchema(DatasetName);
            }
        }
    }
}
