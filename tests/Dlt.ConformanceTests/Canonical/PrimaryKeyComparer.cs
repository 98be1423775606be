namespace Dlt.ConformanceTests.Canonical;

/// <summary>Compares primary key tuples (values as Python <c>str</c>) element by element in code point order, as Python compares tuples.</summary>
internal sealed class PrimaryKeyComparer : IComparer<string[]>
{
    public static PrimaryKeyComparer Instance { get; } = new();

    public int Compare(string[]? x, string[]? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var order = CodePointComparer.Instance.Compare(x[i], y[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return x.Length.CompareTo(y.Length);
    }
}
