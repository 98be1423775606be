namespace Dlt.Configuration;

/// <summary>The progress collector named by <c>progress</c> (<c>PROGRESS=log</c>), in dlt's names.</summary>
public enum ProgressCollector
{
    /// <summary>No progress output (<c>none</c>, dlt's default).</summary>
    None,

    /// <summary>Counters written as log lines every <c>log_period</c> seconds (<c>log</c>).</summary>
    Log,

    /// <summary>Console progress bars (<c>tqdm</c> in dlt).</summary>
    Tqdm,

    /// <summary>Console progress bars (<c>enlighten</c> in dlt).</summary>
    Enlighten,

    /// <summary>Console progress bars (<c>alive_progress</c> in dlt).</summary>
    AliveProgress,
}
