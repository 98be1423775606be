using Dlt.TestKit;

namespace Dlt.IntegrationTests.Reliability;

/// <summary>
/// A package the destination refuses for good is set aside at once (aborted, kept with the error of
/// each job), later runs go on with new data, and a retried package loads only what had not committed.
/// </summary>
public sealed class PackageAbortTests
{
    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_package_whose_table_the_destination_refuses_is_set_aside_and_the_next_run_loads_new_data(string kind)
    {
        // Given a dataset with loaded rows, and a table already created with a column type the new data cannot fill
        using var destination = TestDestination.Create(kind);
        await destination.CreatePipeline().RunAsync(Events(0, 3));
        CreateIntegerCodesTable(destination);

        // When a run brings text codes for it
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() =>
            destination.CreatePipeline().RunAsync(TextCodes()));

        // Then the failure names the table and says the package was set aside, once, with its error beside the job
        Assert.Equal("load", error.Step);
        Assert.Contains("'codes'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"Load package {error.LoadId} was aborted and set aside", error.Message, StringComparison.Ordinal);
        Assert.Contains($"RetryAbortedPackage(\"{error.LoadId}\")", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("resumes it", error.Message, StringComparison.Ordinal);
        var aborted = destination.LoadedPackage(error.LoadId!);
        Assert.Equal("\"aborted\"", File.ReadAllText(Path.Combine(aborted, "package_completed.json")));
        var failed = Directory.GetFiles(Path.Combine(aborted, "failed_jobs"), "codes.*.parquet").Single();
        Assert.False(string.IsNullOrWhiteSpace(File.ReadAllText(failed + ".exception")));

        // And the next run is not blocked: it loads its data, and the earlier rows are unharmed
        var info = await destination.CreatePipeline().RunAsync(Events(3, 2));
        Assert.Equal(LoadPackageState.Loaded, Assert.Single(info.LoadPackages).State);
        using var after = destination.OpenReader();
        Assert.Equal([0L, 1L, 2L, 3L, 4L], after.Query($"SELECT id FROM {after.Table("events")} ORDER BY id").Select(r => r[0]));
        Assert.Equal(0L, after.Count("codes"));
        Assert.Equal(2L, after.Count("_dlt_loads"));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task An_aborted_package_retried_after_the_cause_is_fixed_loads_only_the_jobs_that_had_not_committed(string kind)
    {
        // Given a package of two tables whose first table loaded and whose second the destination refused
        using var destination = TestDestination.Create(kind);
        await destination.CreatePipeline().RunAsync(Events(0, 1));
        CreateIntegerCodesTable(destination);

        // (the bigger table's jobs load first, so accounts commits before codes is refused)
        var accounts = Resource.Create("accounts", Enumerable.Range(0, 400).Select(i => new Dictionary<string, object?> { ["id"] = i }));
        var codes = TextCodes();
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => destination.CreatePipeline().RunAsync(accounts, codes));
        using (var db = destination.OpenReader())
        {
            Assert.Equal(400L, db.Count("accounts"));
            db.Query($"ALTER TABLE {db.Table("codes")} ALTER COLUMN code TYPE VARCHAR");
        }

        // When the cause is fixed and the package retried
        var pipeline = destination.CreatePipeline();
        pipeline.RetryAbortedPackage(error.LoadId!);
        var info = await pipeline.LoadAsync();

        // Then the refused table loads, the table that had committed is not loaded twice, and the package completes
        Assert.Equal(error.LoadId, Assert.Single(info.LoadPackages).LoadId);
        using var after = destination.OpenReader();
        Assert.Equal(400L, after.Count("accounts"));
        Assert.Equal(["x0", "x1", "x2", "x3", "x4"], after.Query($"SELECT code FROM {after.Table("codes")} ORDER BY id").Select(r => (string)r[0]!));
        Assert.Equal(1L, after.Scalar($"SELECT count(*) FROM {after.Table("_dlt_loads")} WHERE load_id = '{error.LoadId}'") is { } n ? Convert.ToInt64(n, System.Globalization.CultureInfo.InvariantCulture) : 0L);
        Assert.Throws<InvalidOperationException>(() => pipeline.RetryAbortedPackage(error.LoadId!));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_run_killed_between_a_job_failing_and_the_abort_is_aborted_by_the_next_call_not_completed(string kind)
    {
        // Given a run that dies right after a job failed for good, before its package was aborted
        using var destination = TestDestination.Create(kind);
        await destination.CreatePipeline().RunAsync(Events(0, 1));
        CreateIntegerCodesTable(destination);

        var crash = new CrashOnce(global::Dlt.Storage.FaultPoint.LoadJobFailed);
        var codes = TextCodes();
        await Assert.ThrowsAsync<PipelineStepFailedException>(() => destination.CreatePipeline(options => options with { FaultHook = crash.At }).RunAsync(codes));
        Assert.True(crash.Crashed);

        // When the next call resumes the package
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => destination.CreatePipeline().LoadAsync());

        // Then it is aborted, not recorded as loaded
        Assert.Contains("had failed in an interrupted run", error.Message, StringComparison.Ordinal);
        Assert.Equal("\"aborted\"", File.ReadAllText(Path.Combine(destination.LoadedPackage(error.LoadId!), "package_completed.json")));
        using var after = destination.OpenReader();
        Assert.Equal(1L, after.Count("_dlt_loads"));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task An_object_with_5000_keys_gets_its_outcome_and_does_not_block_later_runs(string kind)
    {
        // Given a dataset with loaded rows
        using var destination = TestDestination.Create(kind);
        await destination.CreatePipeline().RunAsync(Events(0, 2));
        var wide = Enumerable.Range(0, 5000).ToDictionary(i => $"key_{i}", i => (object?)i);

        // When one record has 5,000 keys
        var outcome = await Record.ExceptionAsync(() => destination.CreatePipeline().RunAsync(Resource.Create("wide", new[] { wide })));

        // Then PostgreSQL refuses the table with a clear error naming it (at most 1600 columns) and sets the package aside;
        // DuckDB, which has no such limit, loads it as dlt does
        using (var db = destination.OpenReader())
        {
            if (kind == TestDestination.Postgres)
            {
                var error = Assert.IsType<PipelineStepFailedException>(outcome);
                Assert.Contains("wide", error.Message, StringComparison.Ordinal);
                Assert.Contains("1600 columns", error.Message, StringComparison.Ordinal);
                Assert.Contains("was aborted and set aside", error.Message, StringComparison.Ordinal);
                Assert.DoesNotContain("wide", db.Tables());
            }
            else
            {
                Assert.Null(outcome);
                Assert.Equal(5002, db.Columns("wide").Count);
                Assert.Equal(4999L, Convert.ToInt64(db.Scalar($"SELECT key_4999 FROM {db.Table("wide")}"), System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        // And the next run loads new data; the earlier rows are unharmed
        await destination.CreatePipeline().RunAsync(Events(2, 2));
        using var after = destination.OpenReader();
        Assert.Equal([0L, 1L, 2L, 3L], after.Query($"SELECT id FROM {after.Table("events")} ORDER BY id").Select(r => r[0]));
    }

    /// <summary>A table made by hand with an integer <c>code</c> column, which <see cref="TextCodes"/> cannot fill: the destination refuses the job for good.</summary>
    private static void CreateIntegerCodesTable(TestDestination destination)
    {
        using var db = destination.OpenReader();
        db.Query($"CREATE TABLE {db.Table("codes")} (id BIGINT, code INTEGER)");
    }

    private static Resource TextCodes() =>
        Resource.Create("codes", Enumerable.Range(0, 5).Select(i => new Dictionary<string, object?> { ["id"] = i, ["code"] = $"x{i}" }));

    private static Resource Events(int first, int count) =>
        Resource.Create("events", Enumerable.Range(first, count).Select(i => new Dictionary<string, object?> { ["id"] = i, ["kind"] = "push" }));
}
