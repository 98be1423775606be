using Dlt.DuckDb;
using Dlt.IntegrationTests.Support;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.DuckDb;

public sealed class LoadSettingsTests : IDisposable
{
    private readonly TempPipelineDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A pipeline whose <c>load</c> keys come from environment variables, as a user sets them.</summary>
    private Pipeline CreatePipeline(Dictionary<string, string> environment, int duckDbThreads = 1) =>
        Pipeline.Create("test_pipeline", DuckDbDestination.Create(_dir.DatabasePath, new DuckDbOptions { Threads = duckDbThreads, MemoryLimit = "512MB" }), "test_data", _dir.Options with { EnvironmentVariables = environment });

    [Fact]
    public async Task Parallel_load_workers_load_every_table_of_the_package()
    {
        // Given twelve tables with child tables, loaded by up to four jobs at once
        var resources = Enumerable.Range(0, 12).Select(t => Resource.Create($"t{t}", Enumerable.Range(0, 50).Select(i => new Dictionary<string, object?> { ["i"] = i, ["list"] = new[] { i, i + 1 } }))).ToArray();

        // When
        var info = await CreatePipeline(new() { ["LOAD__WORKERS"] = "4" }, duckDbThreads: 4).RunAsync(resources);

        // Then
        Assert.Equal(24 + 1, info.LoadPackages.Single().CompletedJobs);
        using var db = _dir.OpenDatabase();
        for (var t = 0; t < 12; t++)
        {
            Assert.Equal(50L, db.Count($"t{t}"));
            Assert.Equal(100L, db.Count($"t{t}__list"));
        }
    }

    [Fact]
    public async Task Without_raise_on_failed_jobs_the_package_completes_and_lists_the_failed_job()
    {
        // Given one table whose job breaks a NOT NULL column and one good table
        var strict = Resource.Create("strict", new[] { new Dictionary<string, object?> { ["id"] = 1 } })
            .WithColumns(new ColumnHint("code", DataType.Text) { Nullable = false });
        var good = Resource.Create("good", Json.Items("""{"n": 1}"""));

        // When
        var info = await CreatePipeline(new() { ["LOAD__RAISE_ON_FAILED_JOBS"] = "false" }).RunAsync(strict, good);

        // Then the good table is loaded, the load is recorded, and the failed job is reported
        Assert.True(info.HasFailedJobs);
        Assert.Equal(1, info.LoadPackages.Single().FailedJobs);
        using var db = _dir.OpenDatabase();
        Assert.Equal(1L, db.Count("good"));
        Assert.Equal(0L, db.Count("strict"));
        Assert.Equal(1L, db.Count("_dlt_loads"));
    }

    [Fact]
    public async Task Delete_completed_jobs_removes_the_loaded_files()
    {
        // When
        var info = await CreatePipeline(new() { ["LOAD__DELETE_COMPLETED_JOBS"] = "true" }).RunAsync(Resource.Create("rows", Json.Items("""{"n": 1}""")));

        // Then
        var package = Path.Combine(_dir.PipelinesDirectory, "test_pipeline", "load", "loaded", info.LoadPackages[0].LoadId);
        Assert.True(Directory.Exists(package));
        Assert.False(Directory.Exists(Path.Combine(package, "completed_jobs")));
    }

    [Fact]
    public async Task Completed_packages_can_be_pruned_and_pending_ones_are_kept()
    {
        // Given one loaded package and one extracted but not loaded
        var pipeline = CreatePipeline([]);
        var loaded = await pipeline.RunAsync(Resource.Create("rows", Json.Items("""{"n": 1}""")));
        var pending = await pipeline.ExtractAsync([Resource.Create("rows", Json.Items("""{"n": 2}"""))]);

        // When
        var deleted = pipeline.DeleteCompletedPackages();

        // Then
        Assert.Equal([loaded.LoadPackages[0].LoadId], deleted);
        Assert.Empty(Directory.GetDirectories(Path.Combine(pipeline.WorkingDirectory, "load", "loaded")));
        Assert.True(Directory.Exists(Path.Combine(pipeline.WorkingDirectory, "normalize", "extracted", pending)));

        // And a package loaded just now is younger than a day, so it stays
        var recent = await pipeline.RunAsync(Resource.Create("rows", Json.Items("""{"n": 3}""")));
        Assert.Empty(pipeline.DeleteCompletedPackages(TimeSpan.FromDays(1)));
        Assert.True(Directory.Exists(Path.Combine(pipeline.WorkingDirectory, "load", "loaded", recent.LoadPackages[^1].LoadId)));
    }
}
