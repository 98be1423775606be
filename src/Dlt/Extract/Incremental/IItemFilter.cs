namespace Dlt.Extract;

/// <summary>Decides, from its serialized JSON, whether an item of a resource is written.</summary>
internal interface IItemFilter
{
    /// <summary>Checks item number <paramref name="index"/> of the resource (its UTF-8 JSON object).</summary>
    ItemVerdict Check(ReadOnlySpan<byte> item, long index);
}

/// <summary>What becomes of an item: written, dropped, or dropped with the rest of the resource.</summary>
internal enum ItemVerdict
{
    Keep,
    Drop,
    Stop,
}

/// <summary>One run of an incremental: filters the rows, then writes the new cursor into the resource state.</summary>
internal interface IIncrementalRun : IItemFilter
{
    /// <summary>Writes the cursor's new state into the resource state (not for runs with an end value).</summary>
    void Complete();

    /// <summary>Warnings of the run (mixed time zones, many boundary rows), for the pipeline's log.</summary>
    IReadOnlyList<string> Warnings { get; }
}
