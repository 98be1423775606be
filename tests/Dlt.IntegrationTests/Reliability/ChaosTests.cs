using Dlt.ChaosRunner;

namespace Dlt.IntegrationTests.Reliability;

/// <summary>
/// Fault injection: the pipeline runs as a child process (tests/Dlt.ChaosRunner) and is killed with
/// SIGKILL, at random moments or at a fault point, then rerun until its work is done; the dataset must
/// then hold exactly one copy of the load (the clean run's rows per table, no duplicate <c>_dlt_id</c>,
/// each package once in <c>_dlt_loads</c>) and the working dir nothing pending or half written.
/// scripts/chaos.sh runs the same trials at length.
/// </summary>
public abstract class ChaosTests(ChaosFixture fixture)
{
    /// <summary>SIGKILL trials per destination in the test command; the seeds are <see cref="FirstSeed"/> on.</summary>
    private const int Trials = 10;

    /// <summary>The first seed, unless <c>DLT_CHAOS_SEED</c> replays another.</summary>
    private static int FirstSeed => int.TryParse(Environment.GetEnvironmentVariable("DLT_CHAOS_SEED"), out var seed) ? seed : 1;

    public static TheoryData<string, int> FaultPoints()
    {
        var data = new TheoryData<string, int>();
        foreach (var (point, hit) in ChaosDriver.FaultPoints)
        {
            data.Add(point, hit);
        }

        return data;
    }

    [Fact]
    public async Task A_run_killed_at_random_moments_and_rerun_loads_exactly_one_copy()
    {
        // Given kill times drawn from seeded RNGs across the clean run's duration, in the run and its reruns
        Assert.True(fixture.Clean.Report.Ok, string.Join(Environment.NewLine, fixture.Clean.Report.Problems));
        var results = new List<ChaosTrialResult>();

        // When
        for (var seed = FirstSeed; seed < FirstSeed + Trials; seed++)
        {
            results.Add(await fixture.Driver.RandomTrialAsync(seed, fixture.Clean));
        }

        // Then every trial ends with one copy of the load; the failures name their seeds and steps
        var failed = results.Where(r => !r.Ok).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} of {results.Count} {fixture.Driver.Destination} trials failed "
            + $"(clean run {fixture.Clean.DurationMs:F0} ms; replay one with DLT_CHAOS_SEED=<seed> or the command shown):{Environment.NewLine}"
            + string.Join(Environment.NewLine, failed.Select(f => f.Describe())));
    }

    [Theory]
    [MemberData(nameof(FaultPoints))]
    public async Task A_crash_at_a_fault_point_then_a_resume_loads_exactly_once(string faultPoint, int hit)
    {
        // When the run kills itself at the fault point, a resume finishes its work, and an empty run follows
        var result = await fixture.Driver.FaultTrialAsync(faultPoint, fixture.Clean, hit);

        // Then
        Assert.True(result.Ok, result.Describe());
    }

    [Theory]
    [InlineData("SIGTERM", "load.job_committed")]
    [InlineData("SIGINT", "extract.package_published")]
    public async Task A_signal_stops_the_run_gracefully_and_a_resume_loads_exactly_once(string signal, string point)
    {
        // When the run receives the signal at the point, says so and stops; a resume finishes its work
        var result = await fixture.Driver.FaultTrialAsync(point, fixture.Clean, signal: signal);

        // Then
        Assert.True(result.Ok, result.Describe());
    }
}

public sealed class DuckDbChaosTests(DuckDbChaosFixture fixture) : ChaosTests(fixture), IClassFixture<DuckDbChaosFixture>;

public sealed class PostgresChaosTests(PostgresChaosFixture fixture) : ChaosTests(fixture), IClassFixture<PostgresChaosFixture>;
