using System.Globalization;
using Dlt.Bench.Data;
using Dlt.Bench.Results;
using Dlt.Bench.Runner;

namespace Dlt.Bench.Workloads;

/// <summary>
/// <c>normalize_scaling</c>: the normalize stage alone on the nested workload, extracted once with
/// rotation on (<c>file_max_items</c> = a tenth of the records, so there are files to share),
/// with <c>normalize.workers</c> 1 and 2: three interleaved runs each, each on its own copy of the
/// extracted package, the median reported. Between the pairs, a CPU-spin probe measures what the
/// machine itself gives for 1 vs 2 threads; the <c>workers=2</c> row carries its median as the ceiling.
/// </summary>
internal sealed class NormalizeScalingWorkload : IWorkload
{
    public const string Prepare = "prepare";
    public const string CpuSpinProbe = "cpu-spin";
    private const string Iterations = "iterations";

    private static readonly int[] s_workers = [1, 2];

    public string Name => "normalize_scaling";

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext context)
    {
        var records = context.Sizes.NormalizeRecords;
        var input = context.NestedInput(records);
        var rotation = (Knobs.FileMaxItems, (object)Math.Max(1, records / 10));
        var prepared = context.NewRunDirectory(Name, Prepare);
        try
        {
            var prepare = await context.MeasureInAsync(this, new ChildArgs(Name, Prepare).With(ChildArgs.Rows, records).With(ChildArgs.Input, input), prepared, Knobs.Of(rotation)).ConfigureAwait(false);
            if (prepare.Error is not null)
            {
                return [prepare];
            }

            var runs = s_workers.ToDictionary(w => w, _ => new List<ResultRow>());
            var spins = new List<double>();
            for (var run = 0; run < context.Sizes.NormalizeRuns; run++)
            {
                foreach (var workers in s_workers)
                {
                    var directory = context.NewRunDirectory(Name, $"workers={workers}");
                    DiskUsage.CopyTree(Path.Combine(prepared, "pipelines"), Path.Combine(directory, "pipelines"));
                    var args = new ChildArgs(Name, $"workers={workers}").With(ChildArgs.Rows, records);
                    runs[workers].Add(await context.MeasureInAsync(this, args, directory, Knobs.Of(rotation, (Knobs.NormalizeWorkers, workers))).ConfigureAwait(false));
                    context.Release(directory);
                }

                var spin = await context.MeasureAsync(this, new ChildArgs(Name, CpuSpinProbe).With(Iterations, context.Sizes.CpuSpinIterations)).ConfigureAwait(false);
                if (spin.CpuSpinRatio is { } ratio)
                {
                    spins.Add(ratio);
                }
            }

            var one = Median(runs[1]);
            var two = Median(runs[2]) with { CpuSpinRatio = spins.Count > 0 ? Math.Round(spins.Order().ElementAt(spins.Count / 2), 3) : null };
            BenchContext.Log($"    medians of {context.Sizes.NormalizeRuns}: workers=1 {one.Seconds} s, workers=2 {two.Seconds} s; cpu-spin ratios {string.Join(", ", spins.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture)))}");
            return [one.Against(one), two.Against(one)];
        }
        finally
        {
            context.Release(prepared);
        }
    }

    public async Task<Measurement> RunVariantAsync(ChildArgs args, CancellationToken cancellationToken)
    {
        switch (args.Variant)
        {
            case Prepare:
            {
                var pipeline = new StagedPipeline(args.Directory);
                await pipeline.ExtractAsync(NestedWorkload.EventsSource(args[ChildArgs.Input]), cancellationToken).ConfigureAwait(false);
                return pipeline.Result(args.RowCount);
            }

            case CpuSpinProbe:
                return new Measurement(0, 0, StageSeconds.None, 0) { CpuSpinRatio = CpuSpin.MeasureRatio(args.GetLong(Iterations)) };
            default:
            {
                // workers=N: the knob itself came in NORMALIZE__WORKERS.
                var pipeline = new StagedPipeline(args.Directory);
                await pipeline.NormalizeAsync(cancellationToken).ConfigureAwait(false);
                return pipeline.Result(args.RowCount);
            }
        }
    }

    /// <summary>The run with the median time; a failed run wins, so that the failure shows.</summary>
    private static ResultRow Median(List<ResultRow> runs) =>
        runs.FirstOrDefault(r => r.Error is not null) ?? runs.OrderBy(r => r.Seconds).ElementAt(runs.Count / 2);
}
