namespace Dlt.ConformanceTests.Canonical;

/// <summary>
/// Orders strings by Unicode code point, as Python compares <c>str</c>; UTF-16 ordinal order differs
/// when a surrogate pair meets a character in U+E000..U+FFFF.
/// </summary>
internal sealed class CodePointComparer : IComparer<string>
{
    public static CodePointComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            if (x[i] != y[i])
            {
                return CodePointRank(x[i]).CompareTo(CodePointRank(y[i]));
            }
        }

        return x.Length.CompareTo(y.Length);
    }

    // Moves surrogates (D800..DFFF) above E000..FFFF, which is where the code points they encode sort.
    private static int CodePointRank(char c) => c switch
    {
        >= '\uE000' => c - 0x800,
        >= '\uD800' => c + 0x2000,
        _ => c,
    };
}
