using System.Diagnostics;
using Dlt.Configuration;

namespace Dlt.ChaosRunner;

/// <summary>
/// The <c>incremental</c> command: one run of an incremental resource over events <c>0..rows-1</c>
/// (cursor <c>seq</c>, one event per value), killing itself with SIGKILL at a fault point when one is
/// given. The tests kill it between extract and load and check that the cursor did not move.
/// </summary>
public static class ChaosIncremental
{
    public const string Command = "incremental";

    public const string ResourceName = "ticks";

    /// <summary>The resource: an incremental on <c>seq</c>, asked from the cursor's start value as an API would be.</summary>
    public static Resource Ticks(int rows) =>
        Resource.Create(ResourceName, context =>
        {
            var cursor = context.Incremental<long>();
            var from = cursor.HasLastValue ? cursor.StartValue : 0;
            return Enumerable.Range(0, rows).Where(i => i >= from).Select(i => new Dictionary<string, object?> { ["seq"] = (long)i, ["name"] = $"tick {i}" });
        }).WithIncremental(new Incremental<long>("seq"));

    public static async Task ExecuteAsync(ChaosTarget target, int rows, string? faultPoint, TextWriter output)
    {
        var options = new PipelineOptions
        {
            PipelinesDirectory = target.PipelinesDirectory,
            Progress = ProgressCollector.None,
            FaultHook = faultPoint is null ? null : point =>
            {
                if (point == faultPoint)
                {
                    output.WriteLine($"fault {point}");
                    output.Flush();
                    Process.GetCurrentProcess().Kill();
                }
            },
        };
        var pipeline = Pipeline.Create(ChaosTarget.PipelineName, target.CreateDestination(), target.Dataset, options);
        await pipeline.RunAsync(Ticks(rows)).ConfigureAwait(false);
        output.WriteLine(ChaosPipeline.DoneLine);
    }
}
