namespace Dlt.ConformanceTests.Database;

/// <summary>A column as DuckDB's <c>information_schema.columns</c> reports it.</summary>
internal sealed record DuckDbColumn(string Name, string DataType)
{
    /// <summary>The dlt data type this DuckDB type stands for, or null when it stands for none.</summary>
    public string? DltType => DuckDbTypes.ToDltType(DataType);
}
