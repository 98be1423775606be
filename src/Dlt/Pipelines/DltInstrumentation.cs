using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Dlt;

/// <summary>
/// The names under which pipelines publish OpenTelemetry data through System.Diagnostics: a span per
/// public call and per step (<see cref="ActivitySourceName"/>), and counters of rows, files, bytes
/// and jobs per step (<see cref="MeterName"/>). Subscribe with <c>AddSource("Dlt")</c> and <c>AddMeter("Dlt")</c>.
/// </summary>
public static class DltInstrumentation
{
    /// <summary>The <see cref="ActivitySource"/> name: spans <c>dlt.run</c>, <c>dlt.extract</c>, <c>dlt.normalize</c>, <c>dlt.load</c>.</summary>
    public const string ActivitySourceName = "Dlt";

    /// <summary>The <see cref="Meter"/> name: counters <c>dlt.rows</c>, <c>dlt.files</c>, <c>dlt.bytes</c>, <c>dlt.jobs</c>, tagged with <c>dlt.step</c>.</summary>
    public const string MeterName = "Dlt";

    internal static readonly ActivitySource Source = new(ActivitySourceName, typeof(DltInstrumentation).Assembly.GetName().Version?.ToString());

    private static readonly Meter s_meter = new(MeterName, typeof(DltInstrumentation).Assembly.GetName().Version?.ToString());

    internal static readonly Counter<long> Rows = s_meter.CreateCounter<long>("dlt.rows", "{row}", "Items extracted, rows normalized or rows in the jobs loaded.");

    internal static readonly Counter<long> Files = s_meter.CreateCounter<long>("dlt.files", "{file}", "Files written by extract and normalize, or loaded.");

    internal static readonly Counter<long> Bytes = s_meter.CreateCounter<long>("dlt.bytes", "By", "Bytes of the files written or loaded.");

    internal static readonly Counter<long> Jobs = s_meter.CreateCounter<long>("dlt.jobs", "{job}", "Load jobs run, tagged with their state.");
}
