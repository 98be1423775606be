namespace Dlt.ConformanceTests.Corpus;

/// <summary>
/// Postgres cases that need a feature we do not have yet. They are not run as theory rows; each has a
/// test of its own asserting that the pipeline refuses it clearly until the feature lands, and a test
/// checks that every postgres case is either run or listed here.
/// </summary>
internal static class KnownGaps
{
    public const string MergeIdTwice = "github_issues.merge_id_twice";

    public const string MergeReason = "merge lands with the merge issue";

    public static IReadOnlyDictionary<string, string> Reasons { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [MergeIdTwice] = MergeReason,
    };
}
