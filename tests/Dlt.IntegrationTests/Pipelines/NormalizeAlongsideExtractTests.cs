using System.Globalization;
using System.Text.Json;
using Dlt.DuckDb;
using Dlt.TestKit;
using Microsoft.Extensions.Logging;

namespace Dlt.IntegrationTests.Pipelines;

/// <summary>
/// <c>RunAsync</c> normalizes the flushed parts of the extract files while extract still runs;
/// the outcome must be the one of extract, normalize and load run one after another.
/// </summary>
public sealed class NormalizeAlongsideExtractTests : IDisposable
{
    private readonly TempPipelineDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Normalize_writes_Parquet_for_flushed_items_while_the_resource_is_still_yielding()
    {
        // Given a resource that, after 125 items (five flushes of 25), waits until a normalized file exists
        var loadNew = Path.Combine(_dir.PipelinesDirectory, "test_pipeline", "load", "new");
        var sawParquetDuringExtract = false;
        IEnumerable<Dictionary<string, object?>> Items()
        {
            for (var i = 0; i < 200; i++)
            {
                if (i == 125)
                {
                    sawParquetDuringExtract = SpinWait.SpinUntil(
                        () => Directory.Exists(loadNew) && Directory.EnumerateFiles(loadNew, "items.*.parquet", SearchOption.AllDirectories).Any(),
                        TimeSpan.FromSeconds(30));
                }

                yield return new() { ["id"] = i };
            }
        }

        // When
        var info = await CreatePipeline(_dir, workers: 2).RunAsync(Resource.Create("items", Items()));

        // Then normalize had written rows before extract ended, and every row is loaded once
        Assert.True(sawParquetDuringExtract, "no Parquet file appeared in load/new while the resource was paused mid-way");
        Assert.False(info.HasFailedJobs);
        using var db = _dir.OpenDatabase();
        Assert.Equal(200L, db.Count("items"));
        Assert.Equal(200L, (long)db.Query($"SELECT count(DISTINCT id) FROM {db.Table("items")}")[0][0]!);
    }

    [Fact]
    public async Task Run_with_normalize_alongside_gives_the_schema_and_rows_of_separate_steps()
    {
        // Given items whose columns, types and child tables first appear at different points, run step by step
        using var separate = new TempPipelineDirectory();
        var stepByStep = CreatePipeline(separate, workers: 3);
        await stepByStep.ExtractAsync([Resource.Create("items", EvolvingItems.Create())]);
        await stepByStep.NormalizeAsync();
        await stepByStep.LoadAsync();

        // When the same items are run in one call, normalized alongside extract by three workers
        await CreatePipeline(_dir, workers: 3).RunAsync(Resource.Create("items", EvolvingItems.Create()));

        // Then the stored schema (tables, column order, types) and the rows are the same
        Assert.Equal(Tables(separate), Tables(_dir));
        Assert.Contains("code__v_text", Tables(_dir), StringComparison.Ordinal);
        Assert.Equal(Rows(separate), Rows(_dir));
        Assert.Equal(400, Rows(_dir).Count(r => r.StartsWith("items:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Rotated_files_and_tables_named_per_item_give_the_rows_and_schema_of_separate_steps()
    {
        // Given items routed to two tables by a field, in files rotated every 30 items
        static IEnumerable<Dictionary<string, object?>> Items()
        {
            for (var i = 0; i < 300; i++)
            {
                var item = new Dictionary<string, object?> { ["id"] = i, ["kind"] = i % 3 == 0 ? "odd_one" : "common" };
                if (i > 200)
                {
                    item["extra"] = new { level = i, tags = new[] { "x", $"t{i}" } };
                }

                yield return item;
            }
        }

        static Resource Routed() => Resource.Create("events", Items()).WithTableName<Dictionary<string, object?>>(item => (string)item["kind"]!);
        var rotation = new Dictionary<string, string> { ["DATA_WRITER__FILE_MAX_ITEMS"] = "30" };
        using var separate = new TempPipelineDirectory();
        var stepByStep = CreatePipeline(separate, workers: 2, rotation);
        await stepByStep.ExtractAsync([Routed()]);
        await stepByStep.NormalizeAsync();
        await stepByStep.LoadAsync();

        // When
        await CreatePipeline(_dir, workers: 2, rotation).RunAsync(Routed());

        // Then
        Assert.Equal(Tables(separate), Tables(_dir));
        Assert.Equal(Rows(separate), Rows(_dir));
        using var db = _dir.OpenDatabase();
        Assert.Equal((100L, 200L), (db.Count("odd_one"), db.Count("common")));
        Assert.Equal(2L * 99, db.Count("common__extra__tags") + db.Count("odd_one__extra__tags"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Columns_first_seen_in_later_rotated_files_follow_the_order_the_files_were_written(bool alongside)
    {
        // Given 300 items in six files (rotated at the first flush of 25 items past 30), each file with a column of its own
        static IEnumerable<Dictionary<string, object?>> Items()
        {
            for (var i = 0; i < 300; i++)
            {
                yield return new() { ["id"] = i, [$"file_{i / 50}"] = i };
            }
        }

        var pipeline = CreatePipeline(_dir, workers: 2, new() { ["DATA_WRITER__FILE_MAX_ITEMS"] = "30" });

        // When
        await RunAsync(pipeline, Resource.Create("items", Items()), alongside);

        // Then the files were read back in the order they were written
        using var db = _dir.OpenDatabase();
        Assert.Equal(
            ["id", "file_0", "_dlt_load_id", "_dlt_id", "file_1", "file_2", "file_3", "file_4", "file_5"],
            db.Columns("items").Select(c => c.Name));
        Assert.Equal(50L, (long)db.Query($"SELECT count(file_5) FROM {db.Table("items")}")[0][0]!);
    }

    [Fact]
    public async Task What_is_left_when_extract_ends_is_split_between_the_workers()
    {
        // Given 300 items, flushed every 25, that never fill a first segment of 1,000 while extract runs
        static IEnumerable<Dictionary<string, object?>> Items()
        {
            for (var i = 0; i < 300; i++)
            {
                yield return new() { ["id"] = i };
            }
        }

        // When three workers normalize alongside extract
        var info = await CreatePipeline(_dir, workers: 3, segmentMinItems: 1_000).RunAsync(Resource.Create("items", Items()));

        // Then each worker took a third of the rows: three load files of 100 rows, every row loaded once
        var completed = Path.Combine(_dir.PipelinesDirectory, "test_pipeline", "load", "loaded", info.LoadPackages[0].LoadId, "completed_jobs");
        var files = Directory.GetFiles(completed, "items.*.parquet");
        Assert.Equal(3, files.Length);
        using var db = _dir.OpenDatabase();
        Assert.Equal(
            [100L, 100L, 100L],
            files.Select(f => (long)db.Query($"SELECT count(*) FROM read_parquet('{f}')")[0][0]!));
        Assert.Equal(300L, (long)db.Query($"SELECT count(DISTINCT id) FROM {db.Table("items")}")[0][0]!);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_field_whose_type_changes_between_items_does_not_make_workers_normalize_segments_twice(bool alongside)
    {
        // Given 400 items whose "mixed" is a number, but a string in the first item of every flushed buffer after the first
        static IEnumerable<Dictionary<string, object?>> Items()
        {
            for (var i = 0; i < 400; i++)
            {
                yield return new() { ["id"] = i, ["mixed"] = i > 0 && i % 25 == 0 ? $"s{i}" : i };
            }
        }

        using var sequential = new TempPipelineDirectory();
        await CreatePipeline(sequential, workers: 1).RunAsync(Resource.Create("items", Items()));
        var logged = new List<(LogLevel Level, string Category, string Message)>();
        using var provider = new ListLoggerProvider(logged);
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(provider));
        var pipeline = CreatePipeline(_dir, workers: 3, new() { ["RUNTIME__LOG_LEVEL"] = "INFO" }, loggerFactory: factory);

        // When three workers normalize segments of 25 to 200 items, alongside extract or after it
        await RunAsync(pipeline, Resource.Create("items", Items()), alongside);

        // Then the later segments started from the first one's bigint column and put the strings in its variant, as one worker does,
        // so no segment was normalized a second time
        Assert.Contains(logged, l => l.Message.Contains("Normalized load package", StringComparison.Ordinal));
        Assert.DoesNotContain(logged, l => l.Message.Contains("a second time", StringComparison.Ordinal));
        Assert.Equal(Tables(sequential), Tables(_dir));
        Assert.Equal(Rows(sequential), Rows(_dir));
        using var db = _dir.OpenDatabase();
        Assert.Equal(15L, (long)db.Query($"SELECT count(mixed__v_text) FROM {db.Table("items")}")[0][0]!);
    }

    [Fact]
    public async Task An_extract_failure_leaves_no_partly_normalized_package()
    {
        // Given a resource that fails after its first items were flushed and normalized
        static IEnumerable<Dictionary<string, object?>> Broken()
        {
            for (var i = 0; i < 100; i++)
            {
                yield return new() { ["id"] = i };
            }

            throw new InvalidOperationException("source went away");
        }

        // When
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => CreatePipeline(_dir, workers: 2).RunAsync(Resource.Create("items", Broken())));

        // Then neither an extracted nor a (partly) normalized package is left behind
        Assert.Equal("extract", error.Step);
        var root = Path.Combine(_dir.PipelinesDirectory, "test_pipeline");
        Assert.Empty(Directory.GetDirectories(Path.Combine(root, "normalize", "extracted")));
        Assert.Empty(Directory.GetDirectories(Path.Combine(root, "load", "new")));
        Assert.Empty(Directory.GetDirectories(Path.Combine(root, "load", "normalized")));
    }

    /// <summary>One <c>RunAsync</c> (normalize alongside extract), or extract, normalize and load as separate calls.</summary>
    private static async Task RunAsync(Pipeline pipeline, Resource resource, bool alongside)
    {
        if (alongside)
        {
            await pipeline.RunAsync(resource);
            return;
        }

        await pipeline.ExtractAsync([resource]);
        await pipeline.NormalizeAsync();
        await pipeline.LoadAsync();
    }

    private static Pipeline CreatePipeline(TempPipelineDirectory dir, int workers, Dictionary<string, string>? environment = null, long segmentMinItems = 25, ILoggerFactory? loggerFactory = null) =>
        Pipeline.Create("test_pipeline", DuckDbDestination.Create(dir.DatabasePath, new DuckDbOptions { Threads = 1, MemoryLimit = "512MB" }), "test_data", dir.Options with
        {
            LoggerFactory = loggerFactory,
            BufferMaxItems = 25,
            NormalizeSegmentMinItems = segmentMinItems,
            EnvironmentVariables = new Dictionary<string, string>(environment ?? [])
            {
                ["NORMALIZE__WORKERS"] = workers.ToString(CultureInfo.InvariantCulture),
            },
        });

    private static string Tables(TempPipelineDirectory dir)
    {
        using var schema = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir.PipelinesDirectory, "test_pipeline", "schemas", "test.schema.json")));
        return string.Join("\n", schema.RootElement.GetProperty("tables").EnumerateObject().Select(t => $"{t.Name}: {t.Value.GetProperty("columns").GetRawText()}"));
    }

    private static List<string> Rows(TempPipelineDirectory dir)
    {
        using var db = dir.OpenDatabase();
        return [.. db.Tables().Where(t => !t.StartsWith("_dlt", StringComparison.Ordinal)).SelectMany(table =>
        {
            var columns = db.Columns(table).Select(c => c.Name).Where(c => c is not "_dlt_id" and not "_dlt_parent_id" and not "_dlt_load_id").ToList();
            return db.Query($"SELECT {string.Join(", ", columns.Select(c => db.AsText($"\"{c}\"")))} FROM {db.Table(table)}")
                .Select(row => table + ":" + string.Join(",", columns.Select((c, i) => $"{c}={row[i]}")));
        }).Order(StringComparer.Ordinal)];
    }
}
