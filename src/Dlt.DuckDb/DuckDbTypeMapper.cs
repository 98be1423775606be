using Dlt.Schemas;

namespace Dlt.DuckDb;

/// <summary>Maps dlt data types to DuckDB column types (dlt's duckdb type map).</summary>
internal static class DuckDbTypeMapper
{
    public static string ToDbType(ColumnSchema column) => column.DataType switch
    {
        DataType.Text => "VARCHAR",
        DataType.Double => "DOUBLE",
        DataType.Bool => "BOOLEAN",
        DataType.Timestamp => "TIMESTAMP WITH TIME ZONE",
        DataType.BigInt => "BIGINT",
        DataType.Binary => "BLOB",
        DataType.Json => "JSON",
        DataType.Decimal => $"DECIMAL({column.Precision ?? 38},{column.Scale ?? 9})",
        DataType.Wei => "DECIMAL(38,0)",
        DataType.Date => "DATE",
        DataType.Time => "TIME",
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.DataType, $"Column '{column.Name}' has no DuckDB type."),
    };
}
