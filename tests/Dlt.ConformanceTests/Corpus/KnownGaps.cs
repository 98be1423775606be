namespace Dlt.ConformanceTests.Corpus;

/// <summary>
/// Postgres cases that need a feature we do not have yet. They are not run as theory rows, and a test
/// checks that every postgres case is either run or listed here. None today: the merge case runs
/// since merge (delete-insert) landed.
/// </summary>
internal static class KnownGaps
{
    public static IReadOnlyDictionary<string, string> Reasons { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
