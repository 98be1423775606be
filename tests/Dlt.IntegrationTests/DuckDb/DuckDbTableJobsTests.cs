using Dlt.DuckDb;
using Dlt.TestKit;
using DuckDB.NET.Data;

namespace Dlt.IntegrationTests.DuckDb;

/// <summary>DuckDB loads the files of one table in a package together: in as many transactions as its share of the package fills of its threads, each on one DuckDB thread.</summary>
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

    [Fact]
    public async Task With_two_threads_a_table_of_most_of_the_bytes_loads_in_two_transactions_and_a_small_table_in_one()
    {
        // Given a package with a big table and a small one, each split over several files
        static IEnumerable<Dictionary<string, object?>> Rows(int count, int width) =>
            Enumerable.Range(0, count).Select(i => new Dictionary<string, object?> { ["id"] = i, ["text"] = new string('x', width) + i });

        // When it loads with two threads
        var pipeline = CreatePipeline(threads: 2);
        await pipeline.RunAsync(Resource.Create("big", Rows(600, 400)), Resource.Create("small", Rows(60, 1)));

        // Then the big table's files loaded in two groups (a group's jobs share their start and end) and the small table's in one
        var jobs = Assert.Single(pipeline.LastTrace!.Steps.Single(s => s.Step == "load").Packages).Jobs;
        int Groups(string table) => jobs.Where(j => j.TableName == table).Select(j => (j.StartedAt, j.FinishedAt)).Distinct().Count();
        Assert.True(jobs.Count(j => j.TableName == "small") >= 2, "the test needs several files of the small table");
        Assert.Equal(2, Groups("big"));
        Assert.Equal(1, Groups("small"));
        using var db = _dir.OpenDatabase();
        Assert.Equal((600L, 60L), (db.Count("big"), db.Count("small")));
    }

    [Fact]
    public async Task A_load_job_runs_on_one_DuckDB_thread_and_a_followup_job_on_all_of_them()
    {
        // Given a loaded dataset and a job client of a destination with two threads
        await CreatePipeline(threads: 2).RunAsync(Resource.Create("codes", new[] { new Dictionary<string, object?> { ["id"] = 1 } }));
        await using var client = await DuckDbJobClient.OpenAsync(_dir.DatabasePath, "test_data", "test_data_staging", new DuckDbOptions { Threads = 2 }, CancellationToken.None);
        using var observer = new DuckDBConnection($"Data Source={_dir.DatabasePath}");
        observer.Open();
        Assert.Equal("1", Threads(observer));

        // When a follow-up job records the threads its SQL ran with
        var ran = await client.RunFollowupAsync("1764000000.1", "followup", ["CREATE TABLE test_data.followup_threads AS SELECT current_setting('threads') AS threads"], DateTime.UtcNow, CancellationToken.None);

        // Then it had both, and the load jobs after it have one again
        Assert.True(ran);
        using var command = observer.CreateCommand();
        command.CommandText = "SELECT threads FROM test_data.followup_threads";
        Assert.Equal("2", Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("1", Threads(observer));
    }

    [Fact]
    public async Task A_table_too_wide_for_the_default_memory_limit_loads_and_a_set_limit_too_small_names_the_key_to_raise()
    {
        // Given 10,000 rows of 300 text columns: DuckDB builds a row group of about 170 MB, above the default 96 MB
        static IEnumerable<Dictionary<string, object?>> Wide() => Enumerable.Range(0, 10_000).Select(i =>
            Enumerable.Range(0, 300).ToDictionary(c => $"c{c}", c => (object?)$"value {i} of column {c} padded to forty"));

        // When it loads with a memory limit set too small, then with the default
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() =>
            CreateWidePipeline(memoryLimit: "96MB").RunAsync(Resource.Create("wide", Wide())));
        var info = await CreateWidePipeline().LoadAsync();

        // Then the set limit is kept and named with what to do, and the default one grows until the rows load
        Assert.Contains("destination.duckdb.memory_limit (96MB)", error.Message, StringComparison.Ordinal);
        Assert.Contains("'wide'", error.Message, StringComparison.Ordinal);
        Assert.Empty(info.LoadPackages);
        var retried = CreateWidePipeline();
        retried.RetryAbortedPackage(error.LoadId!);
        await retried.LoadAsync();
        using var db = _dir.OpenDatabase();
        Assert.Equal(10_000L, db.Count("wide"));
    }

    private static string Threads(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT current_setting('threads')";
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    /// <summary>A pipeline whose tables are split over many small files (flushes of 25 items, rotation after 30).</summary>
    private Pipeline CreatePipeline(int threads = 1) =>
        Pipeline.Create("test_pipeline", DuckDbDestination.Create(_dir.DatabasePath, new DuckDbOptions { Threads = threads }), "test_data", _dir.Options with
        {
            BufferMaxItems = 25,
            EnvironmentVariables = new Dictionary<string, string> { ["DATA_WRITER__FILE_MAX_ITEMS"] = "30" },
        });

    /// <summary>A pipeline with the default file sizes, on one thread, with <paramref name="memoryLimit"/> set or the default one.</summary>
    private Pipeline CreateWidePipeline(string? memoryLimit = null) =>
        Pipeline.Create("test_pipeline", DuckDbDestination.Create(_dir.DatabasePath, memoryLimit is null ? new DuckDbOptions { Threads = 1 } : new DuckDbOptions { Threads = 1, MemoryLimit = memoryLimit }), "test_data", _dir.Options);
}
