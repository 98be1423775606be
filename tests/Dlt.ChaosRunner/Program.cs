using System.Diagnostics;
using System.Globalization;
using Dlt.ChaosRunner;

// Dlt.ChaosRunner <command> [options]
//   run | resume   --destination duckdb|postgres --pipelines-dir DIR --dataset NAME [--database FILE]
//                  [--fault POINT [--fault-hit N] [--fault-signal SIGTERM|SIGINT]] [--data-seed S] [--customers N]
//       run: extract, normalize and load the chaos dataset (pending packages first); resume: finish
//       pending packages only. Prints "ready" when the pipeline starts and "done" when it finished;
//       with --fault, kills itself with SIGKILL the N-th time the library reaches POINT (with
//       --fault-signal, sends itself that signal there instead and goes on).
//   incremental    --destination duckdb|postgres --pipelines-dir DIR --dataset NAME [--database FILE] [--rows N] [--fault POINT]
//       one run of an incremental resource over N events, killing itself with SIGKILL at POINT.
//   trials         --destination duckdb|postgres [--trials N] [--seed S] [--faults] [--follow-up]
//                  [--root DIR] [--log FILE] [--data-seed S] [--customers N]
//       a clean run, then N SIGKILL trials with seeds S, S+1, ... (and one trial per fault point
//       with --faults; those always end with an empty follow-up run, the SIGKILL trials with
//       --follow-up), each verified; appends a Markdown log to FILE; exit code 1 when one failed.
// PostgreSQL's connection string comes from DLT_TEST_POSTGRES.
var command = args.Length > 0 ? args[0] : "";
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal))
    {
        return Usage($"unexpected argument '{args[i]}'");
    }

    options[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
}

string? Option(string name) => options.GetValueOrDefault(name);
int IntOption(string name, int fallback) => Option(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
var data = new ChaosData(IntOption("data-seed", ChaosData.DefaultSeed), IntOption("customers", ChaosData.DefaultCustomers));

switch (command)
{
    case ChaosPipeline.Run or ChaosPipeline.Resume:
        if (Option("destination") is not { } destination || Option("pipelines-dir") is not { } pipelinesDir || Option("dataset") is not { } dataset)
        {
            return Usage("--destination, --pipelines-dir and --dataset are required");
        }

        try
        {
            await ChaosPipeline.ExecuteAsync(command, new ChaosTarget(destination, pipelinesDir, dataset, Option("database")), data, Option("fault"), IntOption("fault-hit", 1), Option("fault-signal"), Console.Out);
            return 0;
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync(ex.ToString());
            return 1;
        }

    case ChaosIncremental.Command:
        if (Option("destination") is not { } incrementalDestination || Option("pipelines-dir") is not { } incrementalDir || Option("dataset") is not { } incrementalDataset)
        {
            return Usage("--destination, --pipelines-dir and --dataset are required");
        }

        await ChaosIncremental.ExecuteAsync(new ChaosTarget(incrementalDestination, incrementalDir, incrementalDataset, Option("database")), IntOption("rows", 100), Option("fault"), Console.Out);
        return 0;

    case "trials":
        return await TrialsAsync(Option("destination") ?? ChaosTarget.DuckDb, IntOption("trials", 10), IntOption("seed", 1), options.ContainsKey("faults"), options.ContainsKey("follow-up"), Option("root"), Option("log"), data);

    default:
        return Usage(command.Length == 0 ? "no command" : $"unknown command '{command}'");
}

static int Usage(string problem)
{
    Console.Error.WriteLine($"Dlt.ChaosRunner: {problem}. Commands: run | resume | trials (see the comment at the top of Program.cs).");
    return 2;
}

static async Task<int> TrialsAsync(string destination, int trials, int firstSeed, bool faults, bool followUp, string? root, string? logFile, ChaosData data)
{
    root ??= Path.Combine(Path.GetTempPath(), "dlt-chaos", Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(root);
    var driver = new ChaosDriver(destination, root, data);
    var clock = Stopwatch.StartNew();
    var clean = await driver.CleanRunAsync();
    var log = new List<string>
    {
        $"## {destination}",
        "",
        $"Clean run: {clean.DurationMs:F0} ms of pipeline work. A `run`'s kill time is drawn uniformly in [0, D] ms after it starts working, a `resume`'s in [0, D/2] ms, "
            + $"where D starts at the clean run's duration and follows a moving average of the runs that finished (`kill@T of D`); "
            + $"rows: {clean.Report.RowsText}" + (clean.Report.Ok ? "" : $"; PROBLEMS: {string.Join("; ", clean.Report.Problems)}"),
        "",
        "```",
    };
    Console.WriteLine(log[2]);
    var results = new List<ChaosTrialResult>();
    var runs = Enumerable.Range(firstSeed, trials).Select(seed => (Func<Task<ChaosTrialResult>>)(() => driver.RandomTrialAsync(seed, clean, followUp)));
    if (faults)
    {
        runs = runs.Concat(ChaosDriver.FaultPoints.Select(fault => (Func<Task<ChaosTrialResult>>)(() => driver.FaultTrialAsync(fault.Point, clean, fault.Hit))));
    }

    foreach (var run in runs)
    {
        var result = await run();
        results.Add(result);
        var text = result.Describe();
        Console.WriteLine(text);
        log.Add(text);
    }

    var failed = results.Where(r => !r.Ok).ToList();
    var kills = results.Sum(r => r.Steps.Count(s => s.Outcome is ChaosStepOutcome.Killed or ChaosStepOutcome.Fault));
    log.Add("```");
    log.Add("");
    var summary = $"{destination}: {results.Count} trials ({trials} SIGKILL trials from seed {firstSeed}" + (faults ? $", {ChaosDriver.FaultPoints.Count} fault-point trials" : "")
        + $"), {kills} kills, {results.Sum(r => r.Steps.Count)} processes, {failed.Count} failed"
        + (failed.Count > 0 ? $" ({string.Join(", ", failed.Select(f => f.Name))})" : "") + $", {clock.Elapsed.TotalSeconds:F0} s";
    log.Add($"**{summary}**");
    log.Add("");
    Console.WriteLine(summary);
    if (logFile is not null)
    {
        await File.AppendAllLinesAsync(logFile, log);
    }

    try
    {
        Directory.Delete(root, recursive: true);
    }
    catch (IOException)
    {
        // Left for the temp cleaner.
    }

    return failed.Count == 0 && clean.Report.Ok ? 0 : 1;
}
