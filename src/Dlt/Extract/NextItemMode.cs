namespace Dlt.Extract;

/// <summary>The order in which the extract stage takes items from several resources (<c>extract.next_item_mode</c>).</summary>
internal enum NextItemMode
{
    /// <summary>Resources are interleaved: sync ones item by item, parallelized and async ones concurrently.</summary>
    RoundRobin,

    /// <summary>Resources are drained one after another, in the order given: deterministic.</summary>
    Fifo,
}
