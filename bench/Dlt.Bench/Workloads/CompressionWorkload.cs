using Dlt.Bench.Results;
using Dlt.Bench.Runner;

namespace Dlt.Bench.Workloads;

/// <summary>
/// <c>compression</c>: the flat workload end to end with gzip on (the default) and with
/// <c>disable_compression</c>: compare the time and the bytes on disk.
/// </summary>
internal sealed class CompressionWorkload : IWorkload
{
    public string Name => "compression";

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext context)
    {
        var rows = context.Sizes.CompressionRows;
        var gzip = await context.MeasureAsync(this, new ChildArgs(Name, "gzip").With(ChildArgs.Rows, rows)).ConfigureAwait(false);
        var plain = await context.MeasureAsync(
            this,
            new ChildArgs(Name, "disable_compression").With(ChildArgs.Rows, rows),
            Knobs.Of((Knobs.DisableCompression, true))).ConfigureAwait(false);
        return [gzip, plain.Against(gzip)];
    }

    public Task<Measurement> RunVariantAsync(ChildArgs args, CancellationToken cancellationToken) =>
        FlatWorkload.RunPipelineAsync(args.Directory, args.RowCount, cancellationToken, stepByStep: true);
}
