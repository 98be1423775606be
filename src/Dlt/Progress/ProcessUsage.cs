using System.Globalization;

namespace Dlt.Progress;

/// <summary>
/// The process's working set and CPU time, read from the runtime's cheap counters
/// (<see cref="Environment.WorkingSet"/>, <see cref="Environment.CpuUsage"/>) rather than a
/// <see cref="System.Diagnostics.Process"/> object, which reads and parses several <c>/proc</c> files per call.
/// </summary>
internal readonly record struct ProcessUsage(long WorkingSetBytes, TimeSpan ProcessorTime)
{
    /// <summary>The figures now.</summary>
    public static ProcessUsage Now() => new(Environment.WorkingSet, Environment.CpuUsage.TotalTime);

    /// <summary>
    /// dlt's collector line: <c>Memory usage: 123.45 MB (0.5%) | CPU usage: 98.0%</c>, the CPU as the
    /// share of one core used since <paramref name="start"/>, over <paramref name="elapsed"/>.
    /// </summary>
    public string Describe(ProcessUsage start, TimeSpan elapsed)
    {
        var rssMb = WorkingSetBytes / (1024.0 * 1024.0);
        var memoryPercent = 100.0 * WorkingSetBytes / Math.Max(1, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        var cpuPercent = elapsed.TotalSeconds > 0 ? 100.0 * (ProcessorTime - start.ProcessorTime).TotalSeconds / elapsed.TotalSeconds : 0;
        return string.Create(CultureInfo.InvariantCulture, $"Memory usage: {rssMb:0.00} MB ({memoryPercent:0.0}%) | CPU usage: {cpuPercent:0.0}%");
    }
}
