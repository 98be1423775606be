namespace Dlt.Configuration;

/// <summary>How the extractor takes items from several resources (<c>extract.next_item_mode</c>).</summary>
public enum NextItemMode
{
    /// <summary>Takes one item from each resource in turn (<c>round_robin</c>).</summary>
    RoundRobin,

    /// <summary>Exhausts one resource before the next, in order (<c>fifo</c>); deterministic, for debugging.</summary>
    Fifo,
}
