namespace Dlt.Destinations;

/// <summary>dlt's replace strategies (<c>destination.replace_strategy</c>, reference §5.1).</summary>
internal static class ReplaceStrategies
{
    /// <summary>The default: the tables of the chain are emptied in the transaction that loads the new rows.</summary>
    public const string TruncateAndInsert = "truncate-and-insert";

    /// <summary>Load into staging tables, then empty each table and copy the staged rows, in one transaction.</summary>
    public const string InsertFromStaging = "insert-from-staging";

    /// <summary>Load into staging tables, then swap each staging table in (PostgreSQL).</summary>
    public const string StagingOptimized = "staging-optimized";

    public static IReadOnlyList<string> All { get; } = [TruncateAndInsert, InsertFromStaging, StagingOptimized];

    public static bool LoadsThroughStaging(string strategy) => strategy != TruncateAndInsert;
}
