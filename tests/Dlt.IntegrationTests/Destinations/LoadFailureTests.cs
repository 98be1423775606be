using Dlt.IntegrationTests.Support;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Destinations;

/// <summary>Failed jobs and pending packages, against every destination.</summary>
public sealed class LoadFailureTests
{
    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_job_that_fails_mid_way_leaves_no_rows_and_a_failed_replace_keeps_the_old_rows(string kind)
    {
        // Given a replace table that holds rows, with a column declared NOT NULL
        using var destination = TestDestination.Create(kind);
        var code = new ColumnHint("code", DataType.Text) { Nullable = false };
        var good = Enumerable.Range(0, 3).Select(i => new Dictionary<string, object?> { ["id"] = i, ["code"] = $"c{i}" });
        await destination.CreatePipeline().RunAsync(Resource.Create("codes", good).WithColumns(code).WithWriteDisposition(WriteDisposition.Replace));

        // When a new run's file breaks the constraint on its last row
        var bad = Enumerable.Range(0, 1000).Select(i => new Dictionary<string, object?> { ["id"] = 100 + i, ["code"] = i == 999 ? null : $"n{i}" });
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() =>
            destination.CreatePipeline().RunAsync(Resource.Create("codes", bad).WithColumns(code).WithWriteDisposition(WriteDisposition.Replace)));

        // Then the load failed naming the table, nothing of the new file is in the table, the old rows are kept
        Assert.Equal("load", error.Step);
        Assert.Contains("codes", error.Message, StringComparison.Ordinal);
        using var db = destination.OpenReader();
        Assert.Equal([0L, 1L, 2L], db.Query($"SELECT id FROM {db.Table("codes")} ORDER BY id").Select(r => r[0]));
        Assert.Equal(1L, db.Count("_dlt_loads"));
        var aborted = destination.LoadedPackage(error.LoadId!);
        Assert.Single(Directory.GetFiles(Path.Combine(aborted, "failed_jobs"), "codes.*.parquet"));
        Assert.Equal("\"aborted\"", File.ReadAllText(Path.Combine(aborted, "package_completed.json")));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Packages_extracted_before_a_failure_are_loaded_by_the_next_run(string kind)
    {
        // Given a package that was extracted but never loaded
        using var destination = TestDestination.Create(kind);
        var pipeline = destination.CreatePipeline();
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
        using var db = destination.OpenReader();
        Assert.Equal(2L, db.Count("kept"));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_pending_normalized_package_is_loaded_by_the_next_run(string kind)
    {
        // Given a package normalized but not loaded (as after a crash in load)
        using var destination = TestDestination.Create(kind);
        var pipeline = destination.CreatePipeline();
        await pipeline.ExtractAsync([Resource.Create("later", Json.Items("""{"n": 1}"""))]);
        await pipeline.NormalizeAsync();

        // When a new pipeline instance runs with new data
        var info = await destination.CreatePipeline().RunAsync(Resource.Create("now", Json.Items("""{"m": 1}""")));

        // Then both packages are loaded, the old one first
        Assert.Equal(2, info.LoadPackages.Count);
        Assert.True(string.CompareOrdinal(info.LoadPackages[0].LoadId, info.LoadPackages[1].LoadId) < 0);
        using var db = destination.OpenReader();
        Assert.Equal(1L, db.Count("later"));
        Assert.Equal(1L, db.Count("now"));
    }
}
