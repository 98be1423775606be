using Dlt.Schemas;
using Dlt.Storage;

namespace Dlt.Normalize;

/// <summary>
/// The flushed members of one extract file that wait for a normalize worker of
/// <see cref="StreamingNormalizer"/>, in file order, each with the schema extract had when it was
/// written. A free worker cuts its next segment from the front: while the file is open, once at
/// least <c>minItems</c> wait, a fair share of them (what waits divided by the workers, between
/// <c>minItems</c> and <c>maxItems</c>); once it is closed, an equal part of what waited at that
/// moment, one per worker. Not thread-safe: the normalizer holds its lock.
/// </summary>
internal sealed class WaitingFile(string path)
{
    private readonly Queue<(FileSegment Member, Schema Snapshot)> _members = new();
    private long _items;
    private long _closedShare;

    public string Path { get; } = path;

    /// <summary>Closed, and nothing of it waits any more.</summary>
    public bool IsDone => _closedShare > 0 && _items == 0;

    public void Add(FileSegment member, Schema snapshot)
    {
        _members.Enqueue((member, snapshot));
        _items += member.Items;
    }

    /// <summary>Fixes the size of the parts what waits now is taken in: one per worker.</summary>
    public void Close(int workers)
    {
        if (_closedShare == 0)
        {
            _closedShare = Math.Max(1, _items / workers);
        }
    }

    /// <summary>Takes the next segment: consecutive members of about the share's items (at least one member).</summary>
    public bool TryCut(long minItems, long maxItems, int workers, out FileSegment segment, out Schema snapshot)
    {
        segment = null!;
        snapshot = null!;
        if (_items == 0 || (_closedShare == 0 && _items < minItems))
        {
            return false;
        }

        var share = _closedShare > 0 ? _closedShare : Math.Clamp(_items / workers, minItems, maxItems);
        var (first, _) = _members.Peek();
        FileSegment last;
        long items = 0;
        do
        {
            (last, snapshot) = _members.Dequeue();
            items += last.Items;
        }
        while (items < share && _members.Count > 0);

        _items -= items;
        segment = first with { Length = last.Offset + last.Length - first.Offset, Items = items };
        return true;
    }
}
