using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

using Dlt.Configuration;

namespace Dlt;

/// <summary>
/// Settings of a pipeline given in code. Configuration keys (<c>extract.workers</c>, ...) come from
/// the providers: explicit values here, then <see cref="Configuration"/>, the environment,
/// <c>.dlt/secrets.toml</c>, <c>.dlt/config.toml</c>, then the defaults (docs/configuration.md).
/// </summary>
public sealed record PipelineOptions
{
    /// <summary>
    /// The folder that holds the pipelines' working dirs.
    /// <value>The default value is <c>$DLT_DATA_DIR/pipelines</c>, else <c>~/.dlt/pipelines</c>.</value>
    /// </summary>
    public string? PipelinesDirectory { get; init; }

    /// <summary>
    /// The clock used for load ids and timestamps.
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Items held in memory per open writer before they are flushed to a file, for every stage; set
    /// in code, it wins over <c>data_writer.buffer_max_items</c> in every provider and section.
    /// <value>The default value is <see langword="null"/>: the configured <c>buffer_max_items</c> (5000 unless set).</value>
    /// </summary>
    public int? BufferMaxItems { get; init; }

    /// <summary>
    /// Configuration from a host application (appsettings.json, user secrets, ...), keys joined by
    /// <c>:</c> (<c>extract:workers</c>); it wins over the environment and the <c>.dlt</c> files.
    /// <value>The default value is <see langword="null"/>: none.</value>
    /// </summary>
    public IConfiguration? Configuration { get; init; }

    /// <summary>
    /// The environment variables to read (<c>EXTRACT__WORKERS</c>, <c>DLT_DATA_DIR</c>, <c>DLT_PROJECT_DIR</c>,
    /// <c>HOME</c> for <c>~/.dlt</c>, ...), read once when the pipeline is created.
    /// <value>The default value is <see langword="null"/>: a snapshot of the process's environment.</value>
    /// </summary>
    public IReadOnlyDictionary<string, string>? EnvironmentVariables { get; init; }

    /// <summary>
    /// How progress is reported, as dlt's <c>progress</c> argument; wins over the <c>progress</c> key.
    /// <see cref="ProgressCollector.Log"/> prints each step's counters, memory and CPU usage at most
    /// once per <c>log_period</c>; <see cref="ProgressCollector.Bars"/> (and dlt's bar names) draws them
    /// live in a terminal, and prints the log lines when the output is not one. <value>The default value is <see langword="null"/>: the configured value.</value>
    /// </summary>
    public ProgressCollector? Progress { get; init; }

    /// <summary>
    /// Where the pipeline's log goes (category <c>Dlt.Pipeline</c>); lines below <c>runtime.log_level</c>
    /// are not sent. <value>The default value is <see langword="null"/>: dlt's log format on standard error.</value>
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// Whether the first Ctrl+C (SIGINT) or SIGTERM during a pipeline call stops it gracefully: no new
    /// work starts, running load jobs roll back, and the next run resumes. A second signal ends the
    /// process at once. A host that handles signals itself passes its token instead.
    /// <value>The default value is <see langword="true"/>.</value>
    /// </summary>
    public bool HandleSignals { get; init; } = true;

    /// <summary>
    /// Whether each run first restores the state and schemas from the destination when they are newer
    /// there than in the working dir (dlt's <c>restore_from_destination</c>; see <see cref="Pipeline.SyncDestinationAsync"/>).
    /// Null leaves it to the <c>restore_from_destination</c> key of <c>[pipelines.&lt;name&gt;]</c>,
    /// <c>[pipelines]</c> or the top level, which defaults to <see langword="true"/>.
    /// <value>The default value is <see langword="null"/> (from configuration; restore unless it says false).</value>
    /// </summary>
    public bool? RestoreFromDestination { get; init; }

    /// <summary>
    /// dlt's <c>dev_mode</c>: the working dir is wiped when the pipeline is created and the dataset name
    /// gets a <c>_yyyyMMddHHmmss</c> suffix (UTC), so each pipeline object loads into a fresh dataset; no
    /// state is restored from the destination. Null leaves it to the <c>dev_mode</c> key of
    /// <c>[pipelines.&lt;name&gt;]</c>, <c>[pipelines]</c> or the top level (<c>DEV_MODE=true</c>).
    /// <value>The default value is <see langword="null"/> (from configuration; off unless it says true).</value>
    /// </summary>
    public bool? DevMode { get; init; }

    /// <summary>
    /// dlt's <c>refresh</c>: what every run and extract of this pipeline resets first for the sources and
    /// resources it extracts (their tables and state); see <see cref="Dlt.RefreshMode"/>. Null leaves it to
    /// the <c>refresh</c> key of <c>[pipelines.&lt;name&gt;]</c>, <c>[pipelines]</c> or the top level
    /// (<c>drop_sources</c>, <c>drop_resources</c> or <c>drop_data</c>). For one run only, pass a
    /// <see cref="Dlt.RefreshMode"/> to <see cref="Pipeline.RunAsync(Source, Dlt.RefreshMode, CancellationToken)"/>
    /// or <see cref="Pipeline.ExtractAsync(Source, Dlt.RefreshMode, CancellationToken)"/>.
    /// <value>The default value is <see langword="null"/> (from configuration; nothing is reset unless it names a mode).</value>
    /// </summary>
    public RefreshMode? Refresh { get; init; }

    /// <summary>Where the <c>log</c> collector writes; standard output unless a test captures it.</summary>
    internal TextWriter? ProgressOutput { get; init; }

    /// <summary>Where progress bars draw; the terminal unless a test gives Spectre's test console.</summary>
    internal Spectre.Console.IAnsiConsole? ProgressConsole { get; init; }

    /// <summary>Where the log writes; standard error unless a test captures it.</summary>
    internal TextWriter? LogOutput { get; init; }

    /// <summary>Smallest unit of work of a normalize worker, in items (tests make it small to get many segments).</summary>
    internal long NormalizeSegmentMinItems { get; init; } = Normalize.PackageNormalizer.DefaultSegmentMinItems;

    /// <summary>Called at each <see cref="Storage.FaultPoint"/> with its name; fault-injection tests crash there.</summary>
    internal Action<string>? FaultHook { get; init; }
}
