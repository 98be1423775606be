namespace Dlt;

/// <summary>
/// Picks the newer of two cursor values (dlt's <c>last_value_func</c>): <see cref="Max"/> (the
/// default) for cursors that rise, <see cref="Min"/> for cursors that fall, or <see cref="Custom"/>.
/// </summary>
/// <typeparam name="TCursor">The cursor type.</typeparam>
public sealed class LastValueFunc<TCursor>
{
    private LastValueFunc(string name, Func<TCursor, TCursor, TCursor> pick)
    {
        Name = name;
        Pick = pick;
    }

    /// <summary>The higher value is the newer.</summary>
    public static LastValueFunc<TCursor> Max { get; } = new("max", (a, b) => Comparer<TCursor>.Default.Compare(a, b) >= 0 ? a : b);

    /// <summary>The lower value is the newer.</summary>
    public static LastValueFunc<TCursor> Min { get; } = new("min", (a, b) => Comparer<TCursor>.Default.Compare(a, b) <= 0 ? a : b);

    /// <summary>The name dlt's configuration uses (<c>max</c>, <c>min</c>; the given name for a custom function).</summary>
    public string Name { get; }

    /// <summary>Returns the newer of two values.</summary>
    public Func<TCursor, TCursor, TCursor> Pick { get; }

    /// <summary>A function of one's own: <paramref name="pick"/> returns the newer of its two arguments.</summary>
    public static LastValueFunc<TCursor> Custom(string name, Func<TCursor, TCursor, TCursor> pick)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(pick);
        return new LastValueFunc<TCursor>(name, pick);
    }

    /// <summary>Whether <paramref name="value"/> is strictly newer than <paramref name="than"/>.</summary>
    internal bool IsNewer(TCursor value, TCursor than) =>
        !EqualityComparer<TCursor>.Default.Equals(value, than) && EqualityComparer<TCursor>.Default.Equals(Pick(value, than), value);
}
