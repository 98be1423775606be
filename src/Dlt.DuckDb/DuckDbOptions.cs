namespace Dlt.DuckDb;

/// <summary>DuckDB engine settings, set explicitly on every database the destination opens.</summary>
public sealed record DuckDbOptions
{
    /// <summary>DuckDB worker threads. <value>The default value is the number of processors.</value></summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// DuckDB's memory limit, in DuckDB's syntax (<c>"2GB"</c>).
    /// <value>The default value is a quarter of the machine's memory, at least 1 GB (DuckDB's own default is 80%).</value>
    /// </summary>
    public string MemoryLimit { get; init; } = DefaultMemoryLimit();

    private static string DefaultMemoryLimit()
    {
        var total = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var quarterMb = Math.Max(1024, total / 4 / (1024 * 1024));
        return $"{quarterMb}MB";
    }
}
