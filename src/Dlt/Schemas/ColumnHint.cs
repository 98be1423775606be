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

    /// <summary>Whether the column is part of the merge key (rows of the table with the same merge key values are replaced). <value>The default value is <see langword="false"/>.</value></summary>
    public bool MergeKey { get; init; }

    /// <summary>
    /// Whether a value in the column deletes the row in a merge (dlt's <c>hard_delete</c>): for a bool
    /// column only <see langword="true"/>, for other types any non-null value. <value>The default value is <see langword="false"/>.</value>
    /// </summary>
    public bool HardDelete { get; init; }

    /// <summary>Which duplicate of a primary key wins in a merge load, by this column (dlt's <c>dedup_sort</c>). <value>The default value is <see langword="null"/> (any one).</value></summary>
    public DedupSortOrder? DedupSort { get; init; }
}
