namespace Dlt;

/// <summary>A column declared on a resource: its type and hints win over what the data would infer.</summary>
/// <param name="Name">The column name as it appears in the data; it is normalized like any key.</param>
/// <param name="DataType">The data type of the column; <see langword="null"/> leaves it to inference.</param>
public sealed record ColumnHint(string Name, DataType? DataType = null)
{
    /// <summary>Whether the column accepts nulls. <value>The default value is <see langword="true"/>.</value></summary>
    public bool Nullable { get; init; } = true;

    /// <summary>Precision of a decimal, timestamp or text column. <value>The default value is <see langword="null"/>.</value></summary>
    public int? Precision { get; init; }

    /// <summary>Scale of a decimal column. <value>The default value is <see langword="null"/>.</value></summary>
    public int? Scale { get; init; }

    /// <summary>Whether the column is part of the primary key. <value>The default value is <see langword="false"/>.</value></summary>
    public bool PrimaryKey { get; init; }
}
