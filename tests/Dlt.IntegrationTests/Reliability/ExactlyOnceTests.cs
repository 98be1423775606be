using Dlt.Storage;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Reliability;

/// <summary>
/// A crash at each instant between a durable change and its bookkeeping (injected through the
/// pipeline's fault hook, not a timing race), then a rerun: every table holds exactly one copy of
/// the data, on every destination.
/// </summary>
public sealed class ExactlyOnceTests
{
    private const int Users = 200;
    private const int OrdersPerUser = 3;

    /// <summary>
    /// Right after a job's transaction committed (its files still in <c>started_jobs</c>), after the
    /// last job before the <c>_dlt_loads</c> row, and after that row before the package moved.
    /// </summary>
    public static TheoryData<string, string> LoadCrashes => new()
    {
        { TestDestination.DuckDb, FaultPoint.LoadJobCommitted },
        { TestDestination.Postgres, FaultPoint.LoadJobCommitted },
        { TestDestination.DuckDb, FaultPoint.LoadJobsDone },
        { TestDestination.Postgres, FaultPoint.LoadJobsDone },
        { TestDestination.DuckDb, FaultPoint.LoadCompleted },
        { TestDestination.Postgres, FaultPoint.LoadCompleted },
    };

    [Theory]
    [MemberData(nameof(LoadCrashes))]
    public async Task A_crash_in_the_load_step_is_resumed_without_loading_or_recording_anything_twice(string kind, string point)
    {
        // Given a run that dies at the point, with its package still pending
        using var destination = TestDestination.Create(kind);
        var crash = new CrashOnce(point);
        await Assert.ThrowsAsync<PipelineStepFailedException>(() => CrashingPipeline(destination, crash).RunAsync(UsersResource()));
        Assert.True(crash.Crashed);
        Assert.True(Directory.Exists(PackageFolder(destination, "normalized")));

        // When the next call resumes the package
        await RotatingPipeline(destination).LoadAsync();

        // Then every row and the _dlt_loads row are there once, and the package moved to loaded
        AssertExactlyOnce(destination, users: Users, loads: 1);
        Assert.Empty(Directory.GetDirectories(Path.Combine(destination.PipelinesDirectory, "test_pipeline", "load", "normalized")));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_crash_right_after_extract_publishes_a_package_does_not_extract_the_state_again(string kind)
    {
        // Given a run that dies after its package was published, before the local state was saved
        using var destination = TestDestination.Create(kind);
        var crash = new CrashOnce(FaultPoint.ExtractPackagePublished);
        await Assert.ThrowsAsync<PipelineStepFailedException>(() => CrashingPipeline(destination, crash).RunAsync(UsersResource()));
        Assert.Single(Directory.GetDirectories(Path.Combine(destination.PipelinesDirectory, "test_pipeline", "normalize", "extracted")));

        // When the same run is made again
        var info = await RotatingPipeline(destination).RunAsync(UsersResource());

        // Then both packages loaded (the data twice, as two appends), but the unchanged state once
        Assert.Equal(2, info.LoadPackages.Count);
        AssertExactlyOnce(destination, users: 2 * Users, loads: 2);
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_crash_right_after_normalize_publishes_a_package_loads_it_once(string kind)
    {
        // Given a run that dies after the normalized package was published, with the extracted one still there
        using var destination = TestDestination.Create(kind);
        var crash = new CrashOnce(FaultPoint.NormalizePackagePublished);
        await Assert.ThrowsAsync<PipelineStepFailedException>(() => CrashingPipeline(destination, crash).RunAsync(UsersResource()));
        Assert.Single(Directory.GetDirectories(Path.Combine(destination.PipelinesDirectory, "test_pipeline", "normalize", "extracted")));

        // When the pending work is finished step by step
        var pipeline = RotatingPipeline(destination);
        await pipeline.NormalizeAsync();
        await pipeline.LoadAsync();

        // Then the package loaded once and no extracted copy is left to normalize again
        AssertExactlyOnce(destination, users: Users, loads: 1);
        Assert.Empty(Directory.GetDirectories(Path.Combine(destination.PipelinesDirectory, "test_pipeline", "normalize", "extracted")));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Cancelling_during_the_load_stops_new_jobs_and_the_next_run_loads_the_rest_once(string kind)
    {
        // Given a run cancelled as soon as its first job committed
        using var destination = TestDestination.Create(kind);
        using var cancellation = new CancellationTokenSource();
        var pipeline = destination.CreatePipeline(options => RotatingOptions(options) with
        {
            FaultHook = point =>
            {
                if (point == FaultPoint.LoadJobCommitted)
                {
                    cancellation.Cancel();
                }
            },
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipeline.RunAsync([UsersResource()], cancellation.Token));
        Assert.True(Directory.Exists(PackageFolder(destination, "normalized")));

        // When the next run resumes
        await RotatingPipeline(destination).LoadAsync();

        // Then every row is there once
        AssertExactlyOnce(destination, users: Users, loads: 1);
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Cancelling_during_extract_publishes_nothing_and_the_next_run_loads_everything_once(string kind)
    {
        // Given a run cancelled while its resource is still yielding
        using var destination = TestDestination.Create(kind);
        using var cancellation = new CancellationTokenSource();
        IEnumerable<Dictionary<string, object?>> CancelledMidway()
        {
            foreach (var (user, i) in UserItems().Select((u, i) => (u, i)))
            {
                if (i == Users / 2)
                {
                    cancellation.Cancel();
                }

                yield return user;
            }
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RotatingPipeline(destination).RunAsync([Resource.Create("users", CancelledMidway())], cancellation.Token));

        // Then nothing was published or left behind
        var root = Path.Combine(destination.PipelinesDirectory, "test_pipeline");
        Assert.Equal([Path.Combine(root, "normalize", "extracted")], Directory.GetDirectories(Path.Combine(root, "normalize")));
        Assert.Empty(Directory.GetDirectories(Path.Combine(root, "normalize", "extracted")));
        Assert.Empty(Directory.GetDirectories(Path.Combine(root, "load", "new")));

        // When the run is made again, every item loads once
        await RotatingPipeline(destination).RunAsync(UsersResource());
        AssertExactlyOnce(destination, users: Users, loads: 1);
    }

    [Fact]
    public async Task Leftovers_of_a_killed_extract_and_normalize_are_removed_by_the_next_call()
    {
        // Given the folders a run killed mid-extract and mid-normalize leaves behind
        using var destination = TestDestination.Create(TestDestination.DuckDb);
        var pipeline = RotatingPipeline(destination);
        await pipeline.RunAsync(UsersResource());
        var root = Path.Combine(destination.PipelinesDirectory, "test_pipeline");
        var extractTemp = Path.Combine(root, "normalize", Guid.NewGuid().ToString("N"));
        var halfNormalized = Path.Combine(root, "load", "new", "1764864000.123456");
        foreach (var folder in new[] { extractTemp, halfNormalized })
        {
            Directory.CreateDirectory(Path.Combine(folder, "new_jobs"));
            File.WriteAllBytes(Path.Combine(folder, "new_jobs", "users.0000000000001.0.parquet"), new byte[1024]);
        }

        // When the next run starts
        await pipeline.RunAsync(UsersResource());

        // Then both are gone, and the data loaded twice without picking up the leftovers
        Assert.False(Directory.Exists(extractTemp));
        Assert.False(Directory.Exists(halfNormalized));
        AssertExactlyOnce(destination, users: 2 * Users, loads: 2);
    }

    /// <summary>Each table holds the rows of <paramref name="users"/> users once; <c>_dlt_loads</c> lists each package once.</summary>
    internal static void AssertExactlyOnce(TestDestination destination, int users, int loads)
    {
        using var db = destination.OpenReader();
        Assert.Equal(users, db.Count("users"));
        Assert.Equal(users * OrdersPerUser, db.Count("users__orders"));
        Assert.Equal(1L, db.Count("_dlt_pipeline_state"));
        foreach (var table in new[] { "users", "users__orders", "_dlt_pipeline_state" })
        {
            Assert.Equal(db.Count(table), Convert.ToInt64(db.Scalar($"SELECT count(DISTINCT _dlt_id) FROM {db.Table(table)}"), System.Globalization.CultureInfo.InvariantCulture));
        }

        // Root tables carry the load id (child tables do not, as in dlt): each row's package completed.
        foreach (var table in new[] { "users", "_dlt_pipeline_state" })
        {
            Assert.Equal(0L, Convert.ToInt64(db.Scalar($"SELECT count(*) FROM {db.Table(table)} WHERE _dlt_load_id NOT IN (SELECT load_id FROM {db.Table("_dlt_loads")})"), System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(loads, db.Count("_dlt_loads"));
        Assert.Equal((long)loads, Convert.ToInt64(db.Scalar($"SELECT count(DISTINCT load_id) FROM {db.Table("_dlt_loads")}"), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Users with three orders each: a root and a child table, rotated into files of 50 rows, so a package has many jobs.</summary>
    internal static Resource UsersResource() => Resource.Create("users", UserItems());

    private static IEnumerable<Dictionary<string, object?>> UserItems() => Enumerable.Range(0, Users).Select(i => new Dictionary<string, object?>
    {
        ["id"] = i,
        ["name"] = $"user {i}",
        ["orders"] = Enumerable.Range(0, OrdersPerUser).Select(o => new Dictionary<string, object?> { ["sku"] = $"sku-{i}-{o}", ["qty"] = o + 1 }).ToList(),
    });

    internal static PipelineOptions RotatingOptions(PipelineOptions options) => options with
    {
        EnvironmentVariables = new Dictionary<string, string> { ["NORMALIZE__DATA_WRITER__FILE_MAX_ITEMS"] = "50" },
    };

    private static Pipeline RotatingPipeline(TestDestination destination) => destination.CreatePipeline(RotatingOptions);

    private static Pipeline CrashingPipeline(TestDestination destination, CrashOnce crash) =>
        destination.CreatePipeline(options => RotatingOptions(options) with { FaultHook = crash.At });

    private static string PackageFolder(TestDestination destination, string stage) =>
        Directory.GetDirectories(Path.Combine(destination.PipelinesDirectory, "test_pipeline", "load", stage)).Single();
}
