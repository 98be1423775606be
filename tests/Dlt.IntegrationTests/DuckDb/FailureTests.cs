using Dlt.TestKit;

namespace Dlt.IntegrationTests.DuckDb;

public sealed class FailureTests : IDisposable
{
    private readonly TempPipelineDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_job_that_fails_mid_way_leaves_no_rows_and_a_failed_replace_keeps_the_old_rows()
    {
        // Given a replace table that holds rows, with a column declared NOT NULL
        var code = new ColumnHint("code", DataType.Text) { Nullable = false };
        var good = Enumerable.Range(0, 3).Select(i => new Dictionary<string, object?> { ["id"] = i, ["code"] = $"c{i}" });
        await _dir.CreatePipeline().RunAsync(Resource.Create("codes", good).WithColumns(code).WithWriteDisposition(WriteDisposition.Replace));

        // When a new run's file breaks the constraint on its last row
        var bad = Enumerable.Range(0, 1000).Select(i => new Dictionary<string, object?> { ["id"] = 100 + i, ["code"] = i == 999 ? null : $"n{i}" });
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() =>
            _dir.CreatePipeline().RunAsync(Resource.Create("codes", bad).WithColumns(code).WithWriteDisposition(WriteDisposition.Replace)));

        // Then the load failed naming the table, nothing of the new file is in the table, the old rows are kept
        Assert.Equal("load", error.Step);
        Assert.Contains("codes", error.Message, StringComparison.Ordinal);
        using var db = _dir.OpenDatabase();
        Assert.Equal([0L, 1L, 2L], db.Query("SELECT id FROM test_data.codes ORDER BY id").Select(r => r[0]));
        Assert.Equal(1L, db.Count("test_data", "_dlt_loads"));
        var aborted = Path.Combine(_dir.PipelinesDirectory, "test_pipeline", "load", "loaded", error.LoadId!);
        Assert.Single(Directory.GetFiles(Path.Combine(aborted, "failed_jobs"), "codes.*.parquet"));
        Assert.Equal("\"aborted\"", File.ReadAllText(Path.Combine(aborted, "package_completed.json")));
    }

    [Fact]
    public async Task A_resource_that_throws_fails_extract_and_names_the_resource()
    {
        // Given a resource that fails after two items
        static IEnumerable<Dictionary<string, object?>> Broken()
        {
            yield return new() { ["n"] = 1 };
            yield return new() { ["n"] = 2 };
            throw new InvalidOperationException("source went away");
        }

        // When
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => _dir.CreatePipeline().RunAsync(Resource.Create("flaky", Broken())));

        // Then
        Assert.Equal("extract", error.Step);
        Assert.Contains("'flaky'", error.Message, StringComparison.Ordinal);
        Assert.Contains("source went away", error.Message, StringComparison.Ordinal);
        var normalizeFolder = Path.Combine(_dir.PipelinesDirectory, "test_pipeline", "normalize");
        Assert.Empty(Directory.GetDirectories(Path.Combine(normalizeFolder, "extracted")));
        Assert.Equal(["extracted"], Directory.GetDirectories(normalizeFolder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_top_level_value_that_is_not_an_object_fails_naming_resource_and_item()
    {
        // When
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() =>
            _dir.CreatePipeline().RunAsync(Resource.Create("numbers", new[] { 1, 2 })));

        // Then
        Assert.Equal("extract", error.Step);
        Assert.Contains("Item 0 of resource 'numbers' is a number, not an object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Packages_extracted_before_a_failure_are_loaded_by_the_next_run()
    {
        // Given a package that was extracted but never loaded
        var pipeline = _dir.CreatePipeline();
        await pipeline.ExtractAsync([Resource.Create("kept", Json.Items("""{"n": 1}""", """{"n": 2}"""))]);

        // When the next run fails in its own resource
        static IEnumerable<Dictionary<string, object?>> Broken()
        {
            throw new InvalidOperationException("boom");
#pragma warning disable CS0162 // an iterator needs a yield; this one throws first on purpose
            yield break;
#pragma warning restore CS0162
        }

        await Assert.ThrowsAsync<PipelineStepFailedException>(() => pipeline.RunAsync(Resource.Create("broken", Broken())));

        // Then the earlier package was loaded first, not lost
        using var db = _dir.OpenDatabase();
        Assert.Equal(2L, db.Count("test_data", "kept"));
    }

    [Fact]
    public async Task A_pending_normalized_package_is_loaded_by_the_next_run()
    {
        // Given a package normalized but not loaded (as after a crash in load)
        var pipeline = _dir.CreatePipeline();
        await pipeline.ExtractAsync([Resource.Create("later", Json.Items("""{"n": 1}"""))]);
        await pipeline.NormalizeAsync();

        // When a new pipeline instance runs with new data
        var info = await _dir.CreatePipeline().RunAsync(Resource.Create("now", Json.Items("""{"m": 1}""")));

        // Then both packages are loaded, the old one first
        Assert.Equal(2, info.LoadPackages.Count);
        Assert.True(string.CompareOrdinal(info.LoadPackages[0].LoadId, info.LoadPackages[1].LoadId) < 0);
        using var db = _dir.OpenDatabase();
        Assert.Equal(1L, db.Count("test_data", "later"));
        Assert.Equal(1L, db.Count("test_data", "now"));
    }

    [Fact]
    public async Task Merge_is_rejected_before_anything_is_extracted_instead_of_appending_duplicates()
    {
        // When
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => _dir.CreatePipeline().RunAsync(
            Resource.Create("issues", Json.Items("""{"id": 1}""")).WithPrimaryKey("id").WithWriteDisposition(WriteDisposition.Merge)));

        // Then
        Assert.Equal("extract", error.Step);
        Assert.Contains("'merge'", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(Path.Combine(_dir.PipelinesDirectory, "test_pipeline", "normalize", "extracted")));
    }
}
