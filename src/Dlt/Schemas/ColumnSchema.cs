namespace Dlt.Schemas;

/// <summary>A column of a table in the schema: name, dlt data type and hints.</summary>
internal sealed record ColumnSchema(string Name, DataType? DataType)
{
    public bool Nullable { get; init; } = true;

    public int? Precision { get; init; }

    public int? Scale { get; init; }

    public bool PrimaryKey { get; init; }

    public bool Unique { get; init; }

    public bool RowKey { get; init; }

    public bool ParentKey { get; init; }

    public bool RootKey { get; init; }

    public bool Variant { get; init; }

    public bool MergeKey { get; init; }

    public bool HardDelete { get; init; }

    public DedupSortOrder? DedupSort { get; init; }

    /// <summary>dlt's <c>incremental</c> hint: the column is the cursor of the resource's incremental (one column of a table at most).</summary>
    public bool Incremental { get; init; }

    /// <summary>dlt's <c>x-valid-from</c> (scd2).</summary>
    public bool ValidFrom { get; init; }

    /// <summary>dlt's <c>x-valid-to</c> (scd2).</summary>
    public bool ValidTo { get; init; }

    /// <summary>dlt's <c>x-row-version</c> (scd2): the column whose value versions a row.</summary>
    public bool RowVersion { get; init; }

    /// <summary>dlt's <c>x-active-record-timestamp</c> on the valid-to column: the value of active versions (null: SQL NULL).</summary>
    public DateTimeOffset? ActiveRecordTimestamp { get; init; }

    /// <summary>A column with hints but no data type yet is not created in the destination.</summary>
    public bool IsComplete => DataType is not null;
}
