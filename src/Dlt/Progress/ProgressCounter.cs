namespace Dlt.Progress;

/// <summary>One counter of a step; <see cref="Add"/> is thread-safe and cheap enough for hot paths (<paramref name="owner"/>, when given, hears of every update).</summary>
internal sealed class ProgressCounter(ProgressReporter? owner, string name, long? total, string? label, string? message)
{
    private long _count;

    public string Name => name;

    public long? Total { get; set; } = total;

    public string? Label => label;

    public string? Message => message;

    public long Count => Interlocked.Read(ref _count);

    public void Add(long increment = 1)
    {
        Interlocked.Add(ref _count, increment);
        owner?.Updated();
    }
}
