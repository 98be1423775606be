namespace Dlt.Schemas;

/// <summary>dlt's wire names of merge strategies (<c>x-merge-strategy</c>) and of <c>dedup_sort</c>.</summary>
internal static class MergeStrategyNames
{
    public static string ToDltName(MergeStrategy strategy) => strategy switch
    {
        MergeStrategy.DeleteInsert => "delete-insert",
        MergeStrategy.Upsert => "upsert",
        MergeStrategy.InsertOnly => "insert-only",
        MergeStrategy.Scd2 => "scd2",
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown merge strategy."),
    };

    public static MergeStrategy Parse(string name) => name switch
    {
        "delete-insert" => MergeStrategy.DeleteInsert,
        "upsert" => MergeStrategy.Upsert,
        "insert-only" => MergeStrategy.InsertOnly,
        "scd2" => MergeStrategy.Scd2,
        _ => throw new FormatException($"Unknown merge strategy '{name}'. Expected delete-insert, upsert, insert-only or scd2."),
    };

    public static string ToDltName(DedupSortOrder order) => order == DedupSortOrder.Descending ? "desc" : "asc";

    public static DedupSortOrder ParseDedupSort(string name) => name switch
    {
        "asc" => DedupSortOrder.Ascending,
        "desc" => DedupSortOrder.Descending,
        _ => throw new FormatException($"Unknown dedup_sort '{name}'. Expected asc or desc."),
    };
}
