namespace Dlt.Configuration;

/// <summary>The progress collector named by <c>progress</c> (<c>PROGRESS=log</c>), in dlt's names.</summary>
public enum ProgressCollector
{
    /// <summary>No progress output (<c>none</c>, dlt's default).</summary>
    None,

    /// <summary>Counters written as log lines every <c>log_period</c> seconds (<c>log</c>).</summary>
    Log,

    /// <summary>Live console progress bars, as <see cref="Bars"/> (<c>tqdm</c> in dlt).</summary>
    Tqdm,

    /// <summary>Live console progress bars, as <see cref="Bars"/> (<c>enlighten</c> in dlt).</summary>
    Enlighten,

    /// <summary>Live console progress bars, as <see cref="Bars"/> (<c>alive_progress</c> in dlt).</summary>
    AliveProgress,

    /// <summary>Live console progress bars (<c>bars</c>); the log form when the output is not a terminal.</summary>
    Bars,
}
