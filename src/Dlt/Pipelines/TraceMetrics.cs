namespace Dlt;

/// <summary>One load package as a step saw it: items, files and bytes per table, and its jobs.</summary>
/// <param name="LoadId">The package.</param>
/// <param name="SchemaName">The schema of its tables.</param>
public sealed record TracePackage(string LoadId, string SchemaName)
{
    /// <summary>Per table: items (extract) or rows (normalize), the files written and their bytes on disk.</summary>
    public IReadOnlyDictionary<string, TraceTable> Tables { get; init; } = new Dictionary<string, TraceTable>();

    /// <summary>
    /// Extract only: per resource, its items, the files and bytes of the tables it wrote, and its items
    /// per table (dlt's resource metrics); empty for normalize and load.
    /// </summary>
    public IReadOnlyDictionary<string, TraceResource> Resources { get; init; } = new Dictionary<string, TraceResource>();

    /// <summary>The files written (extract, normalize) or the load jobs run (load), with their states and timings.</summary>
    public IReadOnlyList<TraceJob> Jobs { get; init; } = [];

    /// <summary>The package's state after load (<c>loaded</c>, <c>aborted</c>); null for extract and normalize.</summary>
    public string? State { get; init; }
}

/// <summary>What a step wrote for one table.</summary>
/// <param name="Items">Items extracted or rows normalized.</param>
/// <param name="Files">Files written.</param>
/// <param name="Bytes">Their size on disk.</param>
public sealed record TraceTable(long Items, int Files, long Bytes);

/// <summary>What extract wrote for one resource.</summary>
/// <param name="Items">Items extracted, over all its tables.</param>
/// <param name="Files">Files of the tables it wrote (a table that two resources write counts for both).</param>
/// <param name="Bytes">Their size on disk.</param>
public sealed record TraceResource(long Items, int Files, long Bytes)
{
    /// <summary>Its items per table.</summary>
    public IReadOnlyDictionary<string, long> Tables { get; init; } = new Dictionary<string, long>();
}

/// <summary>One file of a package: written by extract or normalize, or loaded as a job.</summary>
/// <param name="JobId">The file's job name (<c>table.file_id.retry.format</c>).</param>
/// <param name="TableName">Its table.</param>
/// <param name="FileSize">Its size on disk in bytes.</param>
/// <param name="State">For load: <c>completed</c> or <c>failed</c>; for files: <c>new</c>.</param>
public sealed record TraceJob(string JobId, string TableName, long FileSize, string State)
{
    /// <summary>When the load job started (null for files that were only written).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the load job ended.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Why the job failed.</summary>
    public string? Exception { get; init; }
}

/// <summary>Where a call ran.</summary>
/// <param name="ProcessorCount">Processors the process may use.</param>
/// <param name="OperatingSystem">The operating system.</param>
/// <param name="Runtime">The .NET runtime.</param>
/// <param name="LibraryVersion">The version of this library.</param>
public sealed record TraceExecutionContext(int ProcessorCount, string OperatingSystem, string Runtime, string LibraryVersion);

/// <summary>The performance settings a call ran with, as the bottleneck rules read them.</summary>
/// <param name="ExtractWorkers"><c>extract.workers</c>.</param>
/// <param name="NormalizeWorkers"><c>normalize.workers</c>.</param>
/// <param name="LoadWorkers"><c>load.workers</c>.</param>
/// <param name="BufferMaxItems"><c>data_writer.buffer_max_items</c> of normalize.</param>
/// <param name="FileMaxItems"><c>data_writer.file_max_items</c> of normalize.</param>
/// <param name="FileMaxBytes"><c>data_writer.file_max_bytes</c> of normalize.</param>
public sealed record TraceSettings(int ExtractWorkers, int NormalizeWorkers, int LoadWorkers, int BufferMaxItems, long? FileMaxItems, long? FileMaxBytes);

/// <summary>A finding of the bottleneck report: the rule, what was measured and the setting to change.</summary>
/// <param name="Rule">The rule's name (docs/performance.md lists them).</param>
/// <param name="Setting">The setting to change.</param>
/// <param name="Message">The evidence and the advice, in one sentence.</param>
public sealed record Bottleneck(string Rule, string Setting, string Message);
