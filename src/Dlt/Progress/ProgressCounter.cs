namespace Dlt.Progress;

/// <summary>
/// One counter of a step; <see cref="Add"/> is one interlocked add (no lock), cheap enough for hot
/// paths (<paramref name="owner"/>, when given, hears of every update). The count and total are read
/// by a drawing thread while workers update them.
/// </summary>
internal sealed class ProgressCounter(ProgressReporter? owner, string name, long? total, string? label, string? message)
{
    private long _count;
    private long _total = total ?? -1;

    public string Name => name;

    public long? Total
    {
        get => Volatile.Read(ref _total) is >= 0 and var value ? value : null;
        set => Volatile.Write(ref _total, value ?? -1);
    }

    public string? Label => label;

    public string? Message => message;

    public long Count => Interlocked.Read(ref _count);

    public void Add(long increment = 1)
    {
        Interlocked.Add(ref _count, increment);
        owner?.Updated();
    }
}
