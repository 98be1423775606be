namespace Dlt;

/// <summary>Settings of a pipeline that are not configuration keys.</summary>
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
    /// Items held in memory per open writer before they are flushed to a file.
    /// <value>The default value is 5000.</value>
    /// </summary>
    public int BufferMaxItems { get; init; } = 5000;

    /// <summary>
    /// How progress is reported, as dlt's <c>progress</c>: <c>"log"</c> prints each step's counters,
    /// memory and CPU usage to standard output at most once per second; <see langword="null"/> or
    /// <c>"none"</c> reports nothing. <value>The default value is <see langword="null"/>.</value>
    /// </summary>
    public string? Progress { get; init; }

    /// <summary>Where the <c>log</c> collector writes; standard output unless a test captures it.</summary>
    internal TextWriter? ProgressOutput { get; init; }

    internal Extract.ExtractConcurrency ExtractConcurrency { get; init; } = new();

    /// <summary>Threads that normalize the segments of a package (<c>normalize.workers</c>); 3 as the performance guide states.</summary>
    internal int NormalizeWorkers { get; init; } = 3;

    internal Load.LoadSettings Load { get; init; } = new();

    /// <summary>Smallest unit of work of a normalize worker, in items (tests make it small to get many segments).</summary>
    internal long NormalizeSegmentMinItems { get; init; } = Normalize.PackageNormalizer.DefaultSegmentMinItems;
}
