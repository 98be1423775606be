using Dlt.Bench.Results;
using Dlt.Bench.Runner;

namespace Dlt.Bench.Workloads;

/// <summary>
/// One workload of the table. The parent side plans and measures its variants and baselines, each
/// in a child process; the child side does one variant's work in the child and times it.
/// </summary>
internal interface IWorkload
{
    /// <summary>The workload's name in the table and on the child's command line.</summary>
    string Name { get; }

    /// <summary>Parent: runs every variant and baseline as a child process; returns their rows, compared with their baselines.</summary>
    Task<IReadOnlyList<ResultRow>> RunAsync(BenchContext context);

    /// <summary>Child: runs the variant named in <paramref name="args"/> in this process and measures it.</summary>
    Task<Measurement> RunVariantAsync(ChildArgs args, CancellationToken cancellationToken);
}
