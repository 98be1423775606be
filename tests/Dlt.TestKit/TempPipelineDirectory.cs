using Dlt.DuckDb;

namespace Dlt.TestKit;

/// <summary>A fresh folder per test holding the pipelines dir and the DuckDB file; deleted on dispose.</summary>
public sealed class TempPipelineDirectory : IDisposable
{
    public TempPipelineDirectory()
    {
        Root = Path.Combine(Path.GetTempPath(), "dlt-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PipelinesDirectory => Path.Combine(Root, "pipelines");

    public string DatabasePath => Path.Combine(Root, "test.duckdb");

    public PipelineOptions Options => new() { PipelinesDirectory = PipelinesDirectory };

    /// <summary>A pipeline named <paramref name="name"/> loading into this folder's DuckDB file.</summary>
    public Pipeline CreatePipeline(string name = "test_pipeline", string dataset = "test_data", DuckDbOptions? duckDbOptions = null) =>
        Pipeline.Create(name, DuckDbDestination.Create(DatabasePath, duckDbOptions ?? new DuckDbOptions { Threads = 1, MemoryLimit = "512MB" }), dataset, Options);

    public DuckDbReader OpenDatabase(string dataset = "test_data") => new(DatabasePath, dataset);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finalizing handle: the OS temp cleaner takes it.
        }
    }
}
