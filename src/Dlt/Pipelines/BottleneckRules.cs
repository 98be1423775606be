using System.Globalization;

namespace Dlt.Pipelines;

/// <summary>
/// The bottleneck report: reads the measured figures of a trace (step times, CPU time, peak memory,
/// files and job sizes, settings) and names the stage that held the run back and the setting to
/// change. The rules and their thresholds are documented in docs/performance.md.
/// </summary>
internal static class BottleneckRules
{
    /// <summary>Runs shorter than this are too short to tell a bottleneck from noise.</summary>
    public static readonly TimeSpan MinimumRun = TimeSpan.FromSeconds(1);

    /// <summary>A step dominates when it took at least this share of the steps' time.</summary>
    public const double DominantShare = 0.6;

    /// <summary>A step waited on I/O when its process CPU time was below this share of its wall time (one core busy = 1).</summary>
    public const double IoWaitCpuShare = 0.5;

    /// <summary>A load job file at least this large makes its table load as one unit.</summary>
    public const long LargeJobBytes = 1L << 30;

    /// <summary>A peak working set at least this large, with buffers above the default, calls for smaller buffers.</summary>
    public const long HighMemoryBytes = 1L << 30;

    private const int DefaultBufferMaxItems = 5000;

    public static IReadOnlyList<Bottleneck> Find(PipelineTrace trace)
    {
        var findings = new List<Bottleneck>();
        var steps = trace.Steps.Where(s => !s.Failed).ToList();
        var total = TimeSpan.FromTicks(steps.Sum(s => s.Duration.Ticks));
        if (trace.Settings is not { } settings || total < MinimumRun)
        {
            return findings;
        }

        var cores = trace.ExecutionContext?.ProcessorCount ?? Environment.ProcessorCount;
        var byStep = steps.GroupBy(s => s.Step).ToDictionary(g => g.Key, g => (Duration: TimeSpan.FromTicks(g.Sum(s => s.Duration.Ticks)), Cpu: g.Sum(s => s.CpuSeconds)));
        var dominant = byStep.MaxBy(s => s.Value.Duration);
        var share = dominant.Value.Duration / total;
        if (share >= DominantShare)
        {
            var evidence = string.Create(CultureInfo.InvariantCulture, $"{dominant.Key} took {share * 100:0}% of {total.TotalSeconds:0.0} s");
            switch (dominant.Key)
            {
                case TraceRecorder.Extract:
                    var busy = dominant.Value.Cpu / Math.Max(dominant.Value.Duration.TotalSeconds, 1e-9);
                    if (busy < IoWaitCpuShare)
                    {
                        findings.Add(new Bottleneck(
                            "extract-io-wait",
                            "extract.workers",
                            string.Create(CultureInfo.InvariantCulture, $"{evidence} and waited on I/O {(1 - busy) * 100:0}% of the time (CPU {dominant.Value.Cpu:0.0} s) with {Workers(settings.ExtractWorkers)}: raise `extract.workers` or make the resource parallel (Resource.Parallelized(), or async)")));
                    }

                    break;
                case TraceRecorder.Normalize:
                    var files = steps.Where(s => s.Step == TraceRecorder.Extract).SelectMany(s => s.Packages).Sum(p => p.Tables.Values.Sum(t => t.Files));
                    var useful = Math.Min(cores, Math.Max(files, 1));
                    if (settings.NormalizeWorkers < useful)
                    {
                        findings.Add(new Bottleneck(
                            "normalize-workers",
                            "normalize.workers",
                            string.Create(CultureInfo.InvariantCulture, $"{evidence} with {Workers(settings.NormalizeWorkers)} on {cores} cores and {files} files: set `[normalize] workers = {useful}`")));
                    }

                    break;
            }
        }

        foreach (var job in steps.Where(s => s.Step == TraceRecorder.Load).SelectMany(s => s.Packages).SelectMany(p => p.Jobs)
                     .GroupBy(j => j.TableName).Where(g => g.Count() == 1).Select(g => g.Single()).Where(j => j.FileSize >= LargeJobBytes))
        {
            if (settings.FileMaxItems is null && settings.FileMaxBytes is null)
            {
                findings.Add(new Bottleneck(
                    "large-job",
                    "data_writer.file_max_items",
                    string.Create(CultureInfo.InvariantCulture, $"table {job.TableName} loaded as one job of {Gigabytes(job.FileSize)}: set `[normalize.data_writer] file_max_items` (or file_max_bytes) so its rows load as several jobs in parallel")));
            }
        }

        var peak = steps.Count == 0 ? 0 : steps.Max(s => s.PeakMemoryBytes);
        if (peak >= HighMemoryBytes && settings.BufferMaxItems > DefaultBufferMaxItems)
        {
            findings.Add(new Bottleneck(
                "memory-buffers",
                "data_writer.buffer_max_items",
                string.Create(CultureInfo.InvariantCulture, $"peak memory {Gigabytes(peak)} with buffer_max_items={settings.BufferMaxItems}: lower `data_writer.buffer_max_items` (the default is {DefaultBufferMaxItems})")));
        }

        return findings;
    }

    private static string Workers(int workers) => workers == 1 ? "1 worker" : string.Create(CultureInfo.InvariantCulture, $"{workers} workers");

    private static string Gigabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GB");
}
