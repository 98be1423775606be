using System.Globalization;
using Dlt.Storage;

namespace Dlt.ChaosRunner;

/// <summary>A clean run's rows per table (the reference of every trial) and how long its pipeline worked.</summary>
public sealed record ChaosCleanRun(IReadOnlyDictionary<string, long> Rows, double DurationMs, ChaosReport Report);

/// <summary>One trial: its seed (or fault point), its steps, and the verification that followed.</summary>
public sealed record ChaosTrialResult(string Destination, string Name, int? Seed, IReadOnlyList<ChaosStep> Steps, ChaosReport? Report, string? Failure)
{
    public bool Ok => Failure is null && Report is { Ok: true };

    /// <summary>Everything needed to understand and replay the trial.</summary>
    public string Describe()
    {
        var lines = new List<string> { $"{Destination} trial {Name}" + (Seed is { } s ? $" (seed {s})" : "") + (Ok ? ": OK" : ": FAILED") };
        lines.AddRange(Steps.Select((step, i) => $"  step {i + 1}: {step}"));
        if (Failure is not null)
        {
            lines.Add($"  failure: {Failure}");
        }

        if (Report is not null)
        {
            lines.Add($"  rows: {Report.RowsText}");
            lines.AddRange(Report.Problems.Select(p => $"  problem: {p}"));
        }

        if (Seed is { } seed && !Ok)
        {
            lines.Add($"  replay: dotnet tests/Dlt.ChaosRunner/bin/Release/net10.0/Dlt.ChaosRunner.dll trials --destination {Destination} --seed {seed} --trials 1");
        }

        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>
/// Drives trials against one destination: a clean run first (the reference rows and the duration
/// over which kills are spread), then trials that start <c>Dlt.ChaosRunner</c> as a child process,
/// kill it, rerun it until its work is done, and verify exactly-once.
/// </summary>
/// <param name="destination"><see cref="ChaosTarget.DuckDb"/> or <see cref="ChaosTarget.Postgres"/>.</param>
/// <param name="root">A folder for the trials' pipelines dirs and DuckDB files.</param>
/// <param name="data">The dataset every run loads.</param>
public sealed class ChaosDriver(string destination, string root, ChaosData data)
{
    /// <summary>
    /// The fault points in the order a run reaches them, with the time a point is hit: the load
    /// commits several job groups (one per table on DuckDB, one per job on PostgreSQL), so a crash
    /// after the first and after a later one are both tried.
    /// </summary>
    public static readonly IReadOnlyList<(string Point, int Hit)> FaultPoints =
    [
        (FaultPoint.ExtractPackagePublished, 1),
        (FaultPoint.NormalizePackagePublished, 1),
        (FaultPoint.LoadJobCommitted, 1),
        (FaultPoint.LoadJobCommitted, 5),
        (FaultPoint.LoadJobsDone, 1),
        (FaultPoint.LoadCompleted, 1),
    ];

    /// <summary>At most this many kills per trial (the first run's included); further reruns are left alone.</summary>
    private const int MaxKills = 3;

    /// <summary>Reruns after the first run, at most; a trial whose work is not done by then fails.</summary>
    private const int MaxReruns = 6;

    /// <summary>A moving average of the full runs that finished in the trials, once one has.</summary>
    private double? _runMs;

    public string Destination => destination;

    /// <summary>
    /// The span a run's kill time is drawn in: the clean run's duration at first, then a moving
    /// average of the runs that finished during the trials, since a shared machine's load (and so a
    /// run's duration) drifts during a long chaos run. A resume's span is half of it.
    /// </summary>
    public double RunWindowMs(ChaosCleanRun clean) => _runMs ?? clean.DurationMs;

    /// <summary>Runs the load once without kills; it must hold exactly the generator's rows.</summary>
    public async Task<ChaosCleanRun> CleanRunAsync()
    {
        var target = ChaosTarget.Create(destination, root, "clean");
        try
        {
            var step = await ChaosStep.RunAsync(ChaosPipeline.Run, target, data, killAfter: null).ConfigureAwait(false);
            if (step.Outcome != ChaosStepOutcome.Done)
            {
                throw new InvalidOperationException($"The clean {destination} run did not finish: {step}");
            }

            var reference = new Dictionary<string, long>(data.ExpectedRows(), StringComparer.Ordinal);
            using (var db = target.OpenReader())
            {
                foreach (var system in new[] { "_dlt_loads", "_dlt_pipeline_state", "_dlt_version" })
                {
                    reference[system] = Dlt.TestKit.DatasetReaderExtensions.Count(db, system);
                }
            }

            var report = ChaosVerifier.Verify(target, reference);
            return new ChaosCleanRun(report.Rows, step.ElapsedMs, report);
        }
        finally
        {
            target.Delete();
        }
    }

    /// <summary>
    /// A run killed with SIGKILL at a time drawn from <paramref name="seed"/> within the run duration (<see cref="RunWindowMs"/>)
    /// then reruns (each killed too, with probability one half, up to <see cref="MaxKills"/>
    /// kills): <c>resume</c> while a package is pending, <c>run</c> again when the killed run published
    /// none; then the dataset and working dir are verified against <paramref name="clean"/> (after
    /// an empty follow-up run with <paramref name="followUp"/>, see <see cref="FinishAsync"/>).
    /// </summary>
    public async Task<ChaosTrialResult> RandomTrialAsync(int seed, ChaosCleanRun clean, bool followUp = false)
    {
        var random = new Random(seed);
        var name = $"s{seed.ToString(CultureInfo.InvariantCulture)}";
        var target = ChaosTarget.Create(destination, root, name);
        var steps = new List<ChaosStep>();
        try
        {
            var kills = 1;
            var window = RunWindowMs(clean);
            steps.Add(Observe(await ChaosStep.RunAsync(ChaosPipeline.Run, target, data, KillTime(random, window), windowMs: window).ConfigureAwait(false)));
            string? failure = null;
            while (failure is null && steps[^1].Outcome != ChaosStepOutcome.Failed && NextMode(steps[^1].DiskAfter) is { } mode)
            {
                if (steps.Count > MaxReruns)
                {
                    failure = $"work still pending after {MaxReruns} reruns";
                    break;
                }

                TimeSpan? kill = null;
                double? span = null;
                if (kills < MaxKills && random.NextDouble() < 0.5)
                {
                    kills++;
                    span = mode == ChaosPipeline.Run ? RunWindowMs(clean) : RunWindowMs(clean) / 2;
                    kill = KillTime(random, span.Value);
                }

                steps.Add(Observe(await ChaosStep.RunAsync(mode, target, data, kill, windowMs: span).ConfigureAwait(false)));
            }

            return await FinishAsync(target, name, seed, steps, clean, failure, followUp).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return new ChaosTrialResult(destination, name, seed, steps, null, ex.ToString());
        }
        finally
        {
            TryDelete(target);
        }
    }

    /// <summary>
    /// A run that kills itself at the <paramref name="hit"/>-th time it reaches <paramref name="faultPoint"/>
    /// (no timing involved), then one <c>resume</c> that must finish, then the verification (after
    /// an empty follow-up run with <paramref name="followUp"/>, see <see cref="FinishAsync"/>). With
    /// <paramref name="signal"/> (<c>SIGTERM</c>, <c>SIGINT</c>), the run sends itself that signal at the
    /// point instead, and must stop gracefully, saying so.
    /// </summary>
    public async Task<ChaosTrialResult> FaultTrialAsync(string faultPoint, ChaosCleanRun clean, int hit = 1, bool followUp = true, string? signal = null)
    {
        var name = faultPoint.Replace('.', '_') + (hit > 1 ? $"_{hit.ToString(CultureInfo.InvariantCulture)}" : "") + (signal is null ? "" : "_" + signal.ToLowerInvariant());
        var target = ChaosTarget.Create(destination, root, name);
        var steps = new List<ChaosStep>();
        try
        {
            steps.Add(await ChaosStep.RunAsync(ChaosPipeline.Run, target, data, killAfter: null, faultPoint, hit, faultSignal: signal).ConfigureAwait(false));
            if (steps[0].Outcome != ChaosStepOutcome.Fault)
            {
                return new ChaosTrialResult(destination, name, null, steps, null, $"the run did not reach fault point {faultPoint} (hit {hit})");
            }

            if (signal is not null && !(steps[0].Error.Contains($"Received {signal}", StringComparison.Ordinal) && steps[0].Error.Contains("CanceledException", StringComparison.Ordinal)))
            {
                return new ChaosTrialResult(destination, name, null, steps, null, $"the run did not stop gracefully on {signal}: {steps[0].Error}");
            }

            string? failure = null;
            if (NextMode(steps[^1].DiskAfter) is { } mode)
            {
                steps.Add(await ChaosStep.RunAsync(mode, target, data, killAfter: null).ConfigureAwait(false));
                if (NextMode(steps[^1].DiskAfter) is not null && steps[^1].Outcome == ChaosStepOutcome.Done)
                {
                    failure = $"a {mode} after the fault finished but left work pending";
                }
            }

            return await FinishAsync(target, name, null, steps, clean, failure, followUp).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return new ChaosTrialResult(destination, name, null, steps, null, ex.ToString());
        }
        finally
        {
            TryDelete(target);
        }
    }

    /// <summary>What the next rerun does: finish pending packages, or run again when no package was published; null when done.</summary>
    private static string? NextMode(ChaosDisk disk) =>
        disk.HasPending ? ChaosPipeline.Resume
        : !disk.HasPublished ? ChaosPipeline.Run
        : null;

    /// <summary>
    /// Verifies the trial; with <paramref name="followUp"/> (and the work done), first runs the
    /// pipeline once more on an empty dataset, as a next scheduled run would: it must add a package
    /// and nothing else, in particular no second <c>_dlt_pipeline_state</c> row (the state is
    /// unchanged, so a run that saved it after the crash does not extract it again).
    /// </summary>
    private async Task<ChaosTrialResult> FinishAsync(ChaosTarget target, string name, int? seed, List<ChaosStep> steps, ChaosCleanRun clean, string? failure, bool followUp)
    {
        if (steps[^1].Outcome == ChaosStepOutcome.Failed)
        {
            failure ??= $"the last {steps[^1].Mode} failed (see step {steps.Count})";
        }

        var reference = clean.Rows;
        var packages = 1;
        if (followUp && failure is null)
        {
            var step = await ChaosStep.RunAsync(ChaosPipeline.Run, target, new ChaosData(data.Seed, customers: 0), killAfter: null).ConfigureAwait(false);
            steps.Add(step with { Mode = "follow-up run of an empty dataset" });
            if (step.Outcome != ChaosStepOutcome.Done)
            {
                failure = $"the follow-up run failed: {step.Error}";
            }

            packages = 2;
            reference = new Dictionary<string, long>(clean.Rows, StringComparer.Ordinal) { ["_dlt_loads"] = clean.Rows["_dlt_loads"] + 1 };
        }

        return new ChaosTrialResult(destination, name, seed, steps, ChaosVerifier.Verify(target, reference, packages), failure);
    }

    /// <summary>A <c>run</c> that finished did the whole load (after clearing what a killed run left): its duration updates the kill span.</summary>
    private ChaosStep Observe(ChaosStep step)
    {
        if (step.Mode == ChaosPipeline.Run && step.Outcome == ChaosStepOutcome.Done)
        {
            _runMs = _runMs is { } average ? (0.7 * average) + (0.3 * step.ElapsedMs) : step.ElapsedMs;
        }

        return step;
    }

    private static TimeSpan KillTime(Random random, double durationMs) => TimeSpan.FromMilliseconds(Math.Round(random.NextDouble() * durationMs));

    private static void TryDelete(ChaosTarget target)
    {
        try
        {
            target.Delete();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file still held by a finalizing handle: the temp folder's owner deletes it.
        }
    }
}
