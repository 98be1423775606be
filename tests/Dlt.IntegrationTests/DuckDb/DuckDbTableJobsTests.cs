using Dlt.DuckDb;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.DuckDb;

/// <summary>DuckDB loads the files of one table in a package together, in as many transactions as it has threads.</summary>
public sealed class DuckDbTableJobsTests : IDisposable
{
    private readonly TempPipelineDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task With_one_thread_the_files_of_a_table_load_together_and_fail_together()
    {
        // Given DuckDB on one thread (one group of jobs per table), and a first run whose table is
        // split over rotated files (flushes of 25 items, rotation after 30)
        var code = new ColumnHint("code", DataType.Text) { Nullable = false };
        static IEnumerable<Dictionary<string, object?>> Codes(int count, int nullAt) =>
            Enumerable.Range(0, count).Select(i => new Dictionary<string, object?> { ["id"] = i, ["code"] = i == nullAt ? null : $"c{i}" });

        var info = await CreatePipeline().RunAsync(Resource.Create("codes", Codes(200, nullAt: -1)).WithColumns(code));
        var loaded = Path.Combine(_dir.PipelinesDirectory, "test_pipeline", "load", "loaded", info.LoadPackages[0].LoadId);
        Assert.True(Directory.GetFiles(Path.Combine(loaded, "completed_jobs"), "codes.*.parquet").Length >= 4, "the test needs several files of one table");

        // When a second run's last file breaks the NOT NULL constraint
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => CreatePipeline().RunAsync(Resource.Create("codes", Codes(200, nullAt: 199)).WithColumns(code)));

        // Then every file of that table failed with it, and none of its rows were kept: the table holds the first run only
        var aborted = Path.Combine(_dir.PipelinesDirectory, "test_pipeline", "load", "loaded", error.LoadId!);
        Assert.Empty(Directory.GetFiles(Path.Combine(aborted, "completed_jobs"), "codes.*.parquet"));
        Assert.True(Directory.GetFiles(Path.Combine(aborted, "failed_jobs"), "codes.*.parquet").Length >= 4);
        using var db = _dir.OpenDatabase();
        Assert.Equal(200L, db.Count("codes"));
    }

    private Pipeline CreatePipeline() =>
        Pipeline.Create("test_pipeline", DuckDbDestination.Create(_dir.DatabasePath, new DuckDbOptions { Threads = 1 }), "test_data", _dir.Options with
        {
            BufferMaxItems = 25,
            EnvironmentVariables = new Dictionary<string, string> { ["DATA_WRITER__FILE_MAX_ITEMS"] = "30" },
        });
}
