using System.Diagnostics;
using System.Globalization;
using Dlt.Bench.Data;
using Dlt.Bench.Results;
using Dlt.Bench.Workloads;

namespace Dlt.Bench.Runner;

/// <summary>What the parent offers the workloads: sizes, run folders, shared inputs, and child runs.</summary>
internal sealed class BenchContext(BenchOptions options)
{
    private readonly Dictionary<long, string> _nestedInputs = [];
    private readonly Dictionary<(string Kind, long Records), string> _jsonInputs = [];
    private int _runs;

    public Sizes Sizes { get; } = options.Quick ? Sizes.Quick : Sizes.Full;

    /// <summary>Variants whose child failed; the bench exits non-zero when there are any.</summary>
    public int Failures { get; private set; }

    private TimeSpan ChildTimeout => TimeSpan.FromMinutes(options.Quick ? 10 : 30);

    /// <summary>A new empty folder for one child run.</summary>
    public string NewRunDirectory(string workload, string variant)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{++_runs:D3}-{workload}-{variant}");
        var safe = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
        var path = Path.Combine(options.WorkDirectory, "runs", safe);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Deletes a run folder, unless <c>--keep</c>.</summary>
    public void Release(string runDirectory)
    {
        if (!options.Keep && Directory.Exists(runDirectory))
        {
            Directory.Delete(runDirectory, recursive: true);
        }
    }

    /// <summary>The JSONL file of <paramref name="records"/> nested events, generated once per size and shared.</summary>
    public string NestedInput(long records)
    {
        if (!_nestedInputs.TryGetValue(records, out var path))
        {
            path = Path.Combine(options.WorkDirectory, "inputs", $"events-{records}.jsonl");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var stopwatch = Stopwatch.StartNew();
            NestedEvents.WriteFile(path, records);
            Log($"  input: {Count.Format(records)} nested events, {new FileInfo(path).Length / (1024.0 * 1024):0} MB ({new FileInfo(path).Length / (double)records:0} bytes each) in {stopwatch.Elapsed.TotalSeconds:0.0} s");
            _nestedInputs[records] = path;
        }

        return path;
    }

    /// <summary>
    /// The JSON lines file of <paramref name="records"/> records of <paramref name="kind"/>
    /// (<c>flat</c> or <c>nested</c>) made by <c>gen_data.py</c> (seed 1), generated once per kind and size and shared;
    /// a file a previous run left in the same <c>--work-dir</c> is reused (it is moved in only when complete).
    /// </summary>
    public string JsonInput(string kind, long records)
    {
        var key = (kind, records);
        if (!_jsonInputs.TryGetValue(key, out var path))
        {
            path = Path.Combine(options.WorkDirectory, "inputs", $"json-{kind}-{records}.jsonl");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var stopwatch = Stopwatch.StartNew();
            if (!File.Exists(path))
            {
                GenData.Write(kind, records, path);
            }

            Log($"  input: {Count.Format(records)} {kind} JSON records (gen_data.py), {new FileInfo(path).Length / (1024.0 * 1024):0} MB in {stopwatch.Elapsed.TotalSeconds:0.0} s");
            _jsonInputs[key] = path;
        }

        return path;
    }

    /// <summary>Runs <paramref name="args"/> in a child process in a new run folder (deleted afterwards) and returns its row.</summary>
    public async Task<ResultRow> MeasureAsync(IWorkload workload, ChildArgs args, IReadOnlyDictionary<string, string>? knobs = null)
    {
        var runDirectory = NewRunDirectory(args.Workload, args.Variant);
        try
        {
            return await MeasureInAsync(workload, args, runDirectory, knobs).ConfigureAwait(false);
        }
        finally
        {
            Release(runDirectory);
        }
    }

    /// <summary>Runs <paramref name="args"/> in a child process in <paramref name="runDirectory"/> (kept: the caller owns it) and returns its row.</summary>
    public async Task<ResultRow> MeasureInAsync(IWorkload workload, ChildArgs args, string runDirectory, IReadOnlyDictionary<string, string>? knobs = null)
    {
        knobs ??= Knobs.Defaults;
        args.With(ChildArgs.Dir, runDirectory);
        var settings = knobs.Count == 0 ? "defaults" : string.Join(" ", knobs.Select(k => $"{k.Key}={k.Value}"));
        Log($"  {workload.Name} / {args.Variant} ({settings}) ...");
        var outcome = await ChildProcess.RunAsync(args, knobs, runDirectory, ChildTimeout).ConfigureAwait(false);
        var row = ResultRow.From(workload.Name, args.Variant, outcome, knobs);
        if (row.Error is not null)
        {
            Failures++;
            Log($"    FAILED: {row.Error}");
        }
        else
        {
            Log(string.Create(CultureInfo.InvariantCulture,
                $"    {row.Seconds:0.00} s, {row.RowsPerS:#,0} rows/s, cpu {row.CpuS:0.0} s, peak RSS {row.PeakRssMb:#,0} MB, {row.BytesOnDisk / (1024.0 * 1024):#,0.0} MB on disk"));
        }

        return row;
    }

    public static void Log(string line) => Console.WriteLine(line);
}
