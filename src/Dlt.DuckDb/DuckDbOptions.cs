namespace Dlt.DuckDb;

/// <summary>DuckDB engine settings, set explicitly on every database the destination opens.</summary>
public sealed record DuckDbOptions
{
    /// <summary>Buffer-pool megabytes per core of <see cref="Threads"/> when <see cref="MemoryLimit"/> is not set.</summary>
    public const int MemoryLimitMbPerThread = 48;

    /// <summary>The smallest buffer pool, in megabytes, when <see cref="MemoryLimit"/> is not set.</summary>
    public const int MinimumMemoryLimitMb = 96;

    private readonly string? _memoryLimit;

    /// <summary>
    /// The cores a load uses: as many load jobs run at once (each runs its <c>INSERT</c> on its own
    /// thread, DuckDB's <c>threads</c> = 1 for it), and DuckDB's <c>threads</c> for follow-up SQL
    /// (merge, replace from staging). <value>The default value is the number of processors.</value>
    /// </summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// DuckDB's <c>preserve_insertion_order</c>, for follow-up SQL (merge, replace from staging): a
    /// load job's <c>INSERT</c> runs on one DuckDB thread, where order is kept anyway.
    /// <value>The default value is true, DuckDB's (docs/performance.md, issue 11).</value>
    /// </summary>
    public bool PreserveInsertionOrder { get; init; } = true;

    /// <summary>
    /// DuckDB's memory limit, in DuckDB's syntax (<c>"2GB"</c>).
    /// <value>
    /// The default value is <see cref="MemoryLimitMbPerThread"/> MB per thread, at least
    /// <see cref="MinimumMemoryLimitMb"/> MB (DuckDB's own default is 80% of RAM). A load only
    /// streams files into tables: beyond the row groups being built, DuckDB's buffer pool would
    /// just cache blocks already written, and that cache grew the process with the data. A table
    /// too wide for the default (its row group being built does not fit) makes the load raise it,
    /// fourfold at a time up to DuckDB's own default; a limit that is set is kept.
    /// </value>
    /// </summary>
    public string MemoryLimit
    {
        get => _memoryLimit ?? $"{DefaultMemoryLimitMb}MB";
        init => _memoryLimit = value;
    }

    /// <summary>Whether <see cref="MemoryLimit"/> is the default, which a load may raise.</summary>
    internal bool MemoryLimitIsDefault => _memoryLimit is null;

    /// <summary>The default <see cref="MemoryLimit"/> in megabytes.</summary>
    internal int DefaultMemoryLimitMb => Math.Max(MinimumMemoryLimitMb, MemoryLimitMbPerThread * Threads);
}
