using System.Globalization;
using System.Runtime.CompilerServices;

namespace Dlt.Storage;

/// <summary>
/// Makes load ids as dlt does: the current unix time in seconds with sub-second digits, strictly
/// increasing, so that sorting load ids as strings sorts packages by age.
/// </summary>
internal sealed class LoadIdGenerator(TimeProvider timeProvider)
{
    private static readonly ConditionalWeakTable<TimeProvider, LoadIdGenerator> s_shared = [];

    private readonly Lock _lock = new();
    private long _lastMicroseconds;

    /// <summary>
    /// The generator that every pipeline of the process reading <paramref name="clock"/> shares: pipelines
    /// that extract at the same microsecond into one dataset (the partitions of a run) get different
    /// ids, which the exactly-once bookkeeping of the destination (<c>_dlt_loads</c>, the completed-jobs
    /// ledger) needs.
    /// </summary>
    public static LoadIdGenerator For(TimeProvider clock) => s_shared.GetValue(clock, static c => new LoadIdGenerator(c));

    public string Next()
    {
        lock (_lock)
        {
            var now = (timeProvider.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / 10;
            _lastMicroseconds = Math.Max(now, _lastMicroseconds + 1);
            return string.Create(CultureInfo.InvariantCulture, $"{_lastMicroseconds / 1_000_000}.{_lastMicroseconds % 1_000_000:D6}");
        }
    }

    /// <summary>Makes sure the next id sorts after <paramref name="loadId"/> (an existing package).</summary>
    public void After(string loadId)
    {
        if (decimal.TryParse(loadId, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            lock (_lock)
            {
                _lastMicroseconds = Math.Max(_lastMicroseconds, (long)(seconds * 1_000_000));
            }
        }
    }
}
