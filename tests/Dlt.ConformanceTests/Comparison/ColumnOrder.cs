namespace Dlt.ConformanceTests.Comparison;

/// <summary>Reports how two column lists of one table differ: missing and extra names, then the first position where the order differs.</summary>
internal static class ColumnOrder
{
    public static void Compare(string table, IReadOnlyList<string> expected, IReadOnlyList<string> actual, string actualSource, Mismatches mismatches)
    {
        if (expected.SequenceEqual(actual, StringComparer.Ordinal))
        {
            return;
        }

        var missing = expected.Except(actual, StringComparer.Ordinal).ToList();
        var extra = actual.Except(expected, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            mismatches.AddTable(table, $"columns missing in {actualSource}: {string.Join(", ", missing)}");
        }

        if (extra.Count > 0)
        {
            mismatches.AddTable(table, $"columns in {actualSource} that should not exist: {string.Join(", ", extra)}");
        }

        var commonExpected = expected.Where(c => !missing.Contains(c)).ToList();
        var commonActual = actual.Where(c => !extra.Contains(c)).ToList();
        for (var i = 0; i < commonExpected.Count; i++)
        {
            if (!string.Equals(commonExpected[i], commonActual[i], StringComparison.Ordinal))
            {
                mismatches.AddTable(table,
                    $"column order in {actualSource} differs at shared column #{i}: expected {commonExpected[i]}, actual {commonActual[i]}; "
                    + $"expected order: {string.Join(", ", expected)}; actual order: {string.Join(", ", actual)}");
                return;
            }
        }
    }
}
