namespace Dlt.ConformanceTests.Canonical;

/// <summary>Names of the columns dlt adds to every table.</summary>
internal static class DltColumns
{
    public const string Prefix = "_dlt_";
    public const string RowId = "_dlt_id";
    public const string ParentId = "_dlt_parent_id";
    public const string RootId = "_dlt_root_id";
    public const string LoadId = "_dlt_load_id";
    public const string ListIndex = "_dlt_list_idx";

    /// <summary>Tables whose names start with <c>_dlt</c> are dlt's bookkeeping, not data.</summary>
    public static bool IsSystemTable(string tableName) => tableName.StartsWith("_dlt", StringComparison.Ordinal);
}
