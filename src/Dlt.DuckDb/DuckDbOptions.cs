namespace Dlt.DuckDb;

/// <summary>DuckDB engine settings, set explicitly on every database the destination opens.</summary>
public sealed record DuckDbOptions
{
    /// <summary>Buffer-pool megabytes per DuckDB thread when <see cref="MemoryLimit"/> is not set.</summary>
    public const int MemoryLimitMbPerThread = 48;

    /// <summary>The smallest buffer pool, in megabytes, when <see cref="MemoryLimit"/> is not set.</summary>
    public const int MinimumMemoryLimitMb = 96;

    private readonly string? _memoryLimit;

    /// <summary>DuckDB worker threads. <value>The default value is the number of processors.</value></summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// DuckDB's <c>preserve_insertion_order</c>: whether a table's rows keep the order of its load
    /// files. <value>The default value is false (DuckDB's own default is true): a load's
    /// <c>INSERT ... SELECT * FROM read_parquet(...)</c> then fills the table on all DuckDB threads
    /// at once. With true, DuckDB's ordered parallel insert of the many row groups of normalized
    /// Parquet files kept both cores busy for no gain: it took about 1.5x to 2.5x the CPU of the
    /// same insert on one thread, and whole runs up to 4 CPU seconds more on 1M flat JSON records
    /// and 4 to 6 more on 200k nested ones (docs/performance.md, issue 11). Set it to true when rows must keep their file order
    /// (queries without ORDER BY return them in that order).</value>
    /// </summary>
    public bool PreserveInsertionOrder { get; init; }

    /// <summary>
    /// DuckDB's memory limit, in DuckDB's syntax (<c>"2GB"</c>).
    /// <value>
    /// The default value is <see cref="MemoryLimitMbPerThread"/> MB per thread, at least
    /// <see cref="MinimumMemoryLimitMb"/> MB (DuckDB's own default is 80% of RAM). A load only
    /// streams files into tables: beyond the row groups being built, DuckDB's buffer pool would
    /// just cache blocks already written, and that cache grew the process with the data.
    /// </value>
    /// </summary>
    public string MemoryLimit
    {
        get => _memoryLimit ?? $"{Math.Max(MinimumMemoryLimitMb, MemoryLimitMbPerThread * Threads)}MB";
        init => _memoryLimit = value;
    }
}
