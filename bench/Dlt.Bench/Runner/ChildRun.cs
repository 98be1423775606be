using System.Globalization;
using System.Runtime;
using System.Text.Json;
using Dlt.Bench.Results;
using Dlt.Bench.Workloads;

namespace Dlt.Bench.Runner;

/// <summary>
/// The child side: runs one variant of one workload in this process, prints its measurement on
/// one line, then waits until the parent has read this process's peak RSS and CPU time.
/// </summary>
internal static class ChildRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        Measurement measurement;
        try
        {
            var childArgs = ChildArgs.Parse(args);
            var workload = WorkloadCatalog.Find(childArgs.Workload);
            measurement = await workload.RunVariantAsync(childArgs, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            await Console.Error.WriteLineAsync($"failed: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        // Shown in the bench log (the parent echoes stderr): where the fixed costs of a run went.
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"runtime: JIT {JitInfo.GetCompilationTime().TotalSeconds:0.00} s ({JitInfo.GetCompiledMethodCount():#,0} methods), GC gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, pauses {GC.GetTotalPauseDuration().TotalSeconds:0.00} s, allocated {GC.GetTotalAllocatedBytes() / (1024 * 1024):#,0} MB")).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(ChildProcess.ResultPrefix + JsonSerializer.Serialize(measurement, ResultJson.Options)).ConfigureAwait(false);
        await Console.Out.FlushAsync().ConfigureAwait(false);
        await Console.In.ReadLineAsync().ConfigureAwait(false);
        return 0;
    }
}
