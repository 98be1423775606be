namespace Dlt.ConformanceTests.Database;

/// <summary>How dlt data types are stored in DuckDB, and back.</summary>
internal static class DuckDbTypes
{
    private const string Wei = "DECIMAL(38,0)";

    /// <summary>Maps an <c>information_schema</c> type name to a dlt type; <c>DECIMAL(38,0)</c> maps to <c>wei</c>.</summary>
    public static string? ToDltType(string duckDbType) => duckDbType switch
    {
        "VARCHAR" => "text",
        "BIGINT" => "bigint",
        "DOUBLE" => "double",
        "BOOLEAN" => "bool",
        "TIMESTAMP WITH TIME ZONE" => "timestamp",
        "JSON" => "json",
        "BLOB" => "binary",
        Wei => "wei",
        "DATE" => "date",
        "TIME" => "time",
        _ when duckDbType.StartsWith("DECIMAL(", StringComparison.Ordinal) => "decimal",
        _ => null,
    };

    /// <summary>True when a column declared as <paramref name="dltType"/> may be stored as <paramref name="duckDbType"/>.</summary>
    public static bool Stores(string duckDbType, string? dltType)
    {
        var stored = ToDltType(duckDbType);
        return stored is not null
            && (string.Equals(stored, dltType, StringComparison.Ordinal) || (stored == "wei" && dltType == "decimal"));
    }

    /// <summary>The DuckDB type dlt's DuckDB destination creates for a dlt type (used to build test databases).</summary>
    public static string FromDltType(string dltType) => dltType switch
    {
        "text" => "VARCHAR",
        "bigint" => "BIGINT",
        "double" => "DOUBLE",
        "bool" => "BOOLEAN",
        "timestamp" => "TIMESTAMP WITH TIME ZONE",
        "json" => "JSON",
        "binary" => "BLOB",
        "wei" => Wei,
        "decimal" => "DECIMAL(38,9)",
        "date" => "DATE",
        "time" => "TIME",
        _ => throw new ArgumentOutOfRangeException(nameof(dltType), dltType, "No DuckDB type for this dlt type."),
    };
}
