namespace Dlt.ConformanceTests.Database;

/// <summary>How dlt's postgres destination stores dlt data types (reference §9.4), and back.</summary>
internal static class PostgresTypes
{
    /// <summary>Maps a <c>format_type</c> name to a dlt type; <c>numeric(156,78)</c> maps to <c>wei</c>.</summary>
    public static string? ToDltType(string postgresType) => postgresType switch
    {
        _ when postgresType.StartsWith("character varying", StringComparison.Ordinal) => "text",
        "bigint" or "integer" or "smallint" => "bigint",
        "double precision" => "double",
        "boolean" => "bool",
        _ when postgresType.StartsWith("timestamp", StringComparison.Ordinal) && postgresType.EndsWith("with time zone", StringComparison.Ordinal) => "timestamp",
        "jsonb" => "json",
        "bytea" => "binary",
        "numeric(156,78)" => "wei",
        "date" => "date",
        "time without time zone" => "time",
        _ when postgresType.StartsWith("numeric(", StringComparison.Ordinal) => "decimal",
        _ => null,
    };

    public static bool Stores(string postgresType, string? dltType)
    {
        var stored = ToDltType(postgresType);
        return stored is not null && string.Equals(stored, dltType, StringComparison.Ordinal);
    }
}
