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

        await Console.Out.WriteLineAsync(ChildProcess.ResultPrefix + JsonSerializer.Serialize(measurement, ResultJson.Options)).ConfigureAwait(false);
        await Console.Out.FlushAsync().ConfigureAwait(false);
        await Console.In.ReadLineAsync().ConfigureAwait(false);
        return 0;
    }
}
