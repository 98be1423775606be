namespace Dlt.TestKit;

/// <summary>Maps engine type names back to dlt data types, so that one assertion holds for every destination.</summary>
public static class DltTypes
{
    /// <summary>A DuckDB <c>information_schema</c> type; <c>DECIMAL(38,0)</c> is how DuckDB stores wei.</summary>
    public static string FromDuckDb(string type) => type switch
    {
        "VARCHAR" => "text",
        "BIGINT" or "INTEGER" or "SMALLINT" => "bigint",
        "DOUBLE" => "double",
        "BOOLEAN" => "bool",
        "TIMESTAMP WITH TIME ZONE" => "timestamp",
        "DATE" => "date",
        "TIME" => "time",
        "BLOB" => "binary",
        "JSON" => "json",
        "DECIMAL(38,0)" => "wei",
        _ when type.StartsWith("DECIMAL(", StringComparison.Ordinal) => "decimal",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No dlt type for this DuckDB type."),
    };

    /// <summary>A PostgreSQL <c>format_type</c> name; <c>numeric(156,78)</c> is how dlt stores wei.</summary>
    public static string FromPostgres(string type) => type switch
    {
        _ when type.StartsWith("character varying", StringComparison.Ordinal) => "text",
        "bigint" or "integer" or "smallint" => "bigint",
        "double precision" => "double",
        "boolean" => "bool",
        _ when type.StartsWith("timestamp", StringComparison.Ordinal) && type.EndsWith("with time zone", StringComparison.Ordinal) => "timestamp",
        "date" => "date",
        "time without time zone" => "time",
        "bytea" => "binary",
        "jsonb" => "json",
        "numeric(156,78)" => "wei",
        _ when type.StartsWith("numeric(", StringComparison.Ordinal) => "decimal",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "No dlt type for this PostgreSQL type."),
    };
}
