using Dlt.Bench.Data;
using Dlt.Bench.Results;
using Dlt.Bench.Runner;
using Spectre.Console;

namespace Dlt.Bench.Workloads;

/// <summary>
/// <c>progress</c>: the flat workload end to end (the smaller <c>memory</c> row count) with
/// <c>PROGRESS=none</c>, and with <c>PROGRESS=bars</c> drawn live at the normal refresh rate on an
/// in-memory interactive terminal (an ANSI console writing to a string): the cost of the bars, read
/// as the ratio of the two rows (issue 15: within 3%). The two variants run alternately
/// <see cref="Pairs"/> times, in the order none, bars, bars, none, ..., and each row is its variant's median run, so that one slow moment of
/// a shared machine does not decide the ratio. The bars run is checked to have drawn the extract
/// and normalize displays.
/// </summary>
internal sealed class ProgressWorkload : IWorkload
{
    private const string None = "progress=none";
    private const string Bars = "progress=bars";
    private const int Pairs = 9;

    public string Name => "progress";

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext context)
    {
        var rows = context.Sizes.MemoryRows[0];
        var noneRuns = new List<ResultRow>();
        var barsRuns = new List<ResultRow>();
        for (var pair = 0; pair < Pairs; pair++)
        {
            // none, bars, bars, none, ...: a machine that drifts faster or slower during the pairs favours neither variant.
            foreach (var bars in pair % 2 == 0 ? [false, true] : new[] { true, false })
            {
                var variant = bars ? Bars : None;
                var run = await context.MeasureAsync(this, new ChildArgs(Name, variant).With(ChildArgs.Rows, rows), Knobs.Of((Knobs.Progress, bars ? "bars" : "none"))).ConfigureAwait(false);
                (bars ? barsRuns : noneRuns).Add(run);
            }
        }

        var none = ResultRow.Median(noneRuns);
        return [none, ResultRow.Median(barsRuns).Against(none)];
    }

    public async Task<Measurement> RunVariantAsync(ChildArgs args, CancellationToken cancellationToken)
    {
        if (args.Variant == None)
        {
            return await FlatWorkload.RunPipelineAsync(args.Directory, args.RowCount, cancellationToken).ConfigureAwait(false);
        }

        if (args.Variant != Bars)
        {
            throw new ArgumentException($"Unknown variant '{args.Variant}' of {Name}.");
        }

        using var screen = new StringWriter();
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.TrueColor,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(screen),
        });
        var pipeline = new StagedPipeline(args.Directory, terminal);
        await pipeline.RunAsync(FlatWorkload.FlatSource(args.RowCount), cancellationToken).ConfigureAwait(false);
        pipeline.ExpectRows(FlatRows.Table, args.RowCount);
        var drawn = screen.ToString();
        if (!drawn.Contains("Extract", StringComparison.Ordinal) || !drawn.Contains("Normalize", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"PROGRESS=bars drew no extract and normalize displays on the in-memory terminal ({drawn.Length} characters written).");
        }

        return pipeline.Result(args.RowCount);
    }
}
