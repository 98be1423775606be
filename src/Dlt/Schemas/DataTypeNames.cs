namespace Dlt.Schemas;

/// <summary>The one map between <see cref="DataType"/> and dlt's wire names (<c>text</c>, <c>bigint</c>, ...).</summary>
internal static class DataTypeNames
{
    public static string ToDltName(this DataType type) => type switch
    {
        DataType.Text => "text",
        DataType.Double => "double",
        DataType.Bool => "bool",
        DataType.Timestamp => "timestamp",
        DataType.BigInt => "bigint",
        DataType.Binary => "binary",
        DataType.Json => "json",
        DataType.Decimal => "decimal",
        DataType.Wei => "wei",
        DataType.Date => "date",
        DataType.Time => "time",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown data type."),
    };

    public static DataType Parse(string name) => name switch
    {
        "text" => DataType.Text,
        "double" => DataType.Double,
        "bool" => DataType.Bool,
        "timestamp" => DataType.Timestamp,
        "bigint" => DataType.BigInt,
        "binary" => DataType.Binary,
        "json" or "complex" => DataType.Json,
        "decimal" => DataType.Decimal,
        "wei" => DataType.Wei,
        "date" => DataType.Date,
        "time" => DataType.Time,
        _ => throw new FormatException($"Unknown dlt data type '{name}'. Expected one of text, double, bool, timestamp, bigint, binary, json, decimal, wei, date, time."),
    };
}
