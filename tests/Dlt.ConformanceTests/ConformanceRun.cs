using System.Text.Json;
using Dlt.ConformanceTests.Comparison;
using Dlt.ConformanceTests.Corpus;
using Dlt.DuckDb;

namespace Dlt.ConformanceTests;

/// <summary>
/// Loads one corpus input through the public API, as the corpus was produced: pipeline and dataset
/// <c>conformance</c>, one resource named after the input, default settings, a fresh DuckDB file.
/// </summary>
internal sealed class ConformanceRun
{
    public const string PipelineName = "conformance";
    public const string DatasetName = "conformance";

    private ConformanceRun(string workDirectory)
    {
        // Not "conformance.duckdb": DuckDB would then have a catalog and a schema both named conformance.
        DatabasePath = Path.Combine(workDirectory, "load.duckdb");
        PipelinesDirectory = workDirectory;
    }

    public string DatabasePath { get; }

    public string PipelinesDirectory { get; }

    /// <summary>Our stored schema; the schema is named after the pipeline, as in dlt.</summary>
    public string SchemaPath => StoredSchemaFile.PathOf(PipelinesDirectory, PipelineName, PipelineName);

    public static ConformanceRun In(string workDirectory) => new(workDirectory);

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
                DuckDbDestination.Create(DatabasePath),
                DatasetName,
                new PipelineOptions { PipelinesDirectory = PipelinesDirectory });
            var resource = Resource.Create(conformanceCase.InputName, documents.Select(d => d.RootElement).ToList());
            if (conformanceCase.MaxTableNesting is { } nesting)
            {
                resource = resource.WithMaxTableNesting(nesting);
            }

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
}
