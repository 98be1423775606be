using Dlt.Bench.Results;
using Dlt.Bench.Runner;

namespace Dlt.Bench.Workloads;

/// <summary>
/// <c>scaling</c>: the nested workload end to end at three sizes; records/s should hold steady as
/// the input grows. Each size is compared with the smallest.
/// </summary>
internal sealed class ScalingWorkload : IWorkload
{
    public string Name => "scaling";

    public async Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext context)
    {
        var rows = new List<ResultRow>();
        foreach (var records in context.Sizes.ScalingRecords)
        {
            var args = new ChildArgs(Name, $"records={Count.Format(records)}")
                .With(ChildArgs.Rows, records)
                .With(ChildArgs.Input, context.NestedInput(records));
            rows.Add(await context.MeasureAsync(this, args).ConfigureAwait(false));
        }

        return [.. rows.Select(row => row.Against(rows[0]))];
    }

    public Task<Measurement> RunVariantAsync(ChildArgs args, CancellationToken cancellationToken) =>
        NestedWorkload.RunPipelineAsync(args.Directory, args[ChildArgs.Input], args.RowCount, cancellationToken);
}
