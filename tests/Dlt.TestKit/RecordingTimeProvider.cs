using System.Collections.Concurrent;

namespace Dlt.TestKit;

/// <summary>
/// The system clock, recording the due time of every timer created through it: code that waits or
/// times out through a <see cref="TimeProvider"/> shows how long it meant to wait, without a test
/// having to measure it.
/// </summary>
public sealed class RecordingTimeProvider : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _dueTimes = new();

    /// <summary>The due times of the timers created so far, in order.</summary>
    public IReadOnlyList<TimeSpan> DueTimes => [.. _dueTimes];

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _dueTimes.Enqueue(dueTime);
        return System.CreateTimer(callback, state, dueTime, period);
    }
}
