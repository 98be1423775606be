using System.Globalization;

namespace Dlt.Storage;

/// <summary>
/// Makes load ids as dlt does: the current unix time in seconds with sub-second digits, strictly
/// increasing, so that sorting load ids as strings sorts packages by age.
/// </summary>
internal sealed class LoadIdGenerator(TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private long _lastMicroseconds;

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
