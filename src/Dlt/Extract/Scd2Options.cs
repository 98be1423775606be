namespace Dlt;

/// <summary>
/// Settings of the <see cref="MergeStrategy.Scd2"/> merge strategy (dlt's <c>write_disposition</c>
/// dict keys <c>validity_column_names</c>, <c>active_record_timestamp</c>, <c>boundary_timestamp</c>,
/// <c>row_version_column_name</c>).
/// </summary>
public sealed record Scd2Options
{
    /// <summary>The column a version of a row is valid from. <value>The default value is <c>_dlt_valid_from</c>.</value></summary>
    public string ValidFromColumn { get; init; } = "_dlt_valid_from";

    /// <summary>The column a version of a row is valid to; the active version holds the active-record value. <value>The default value is <c>_dlt_valid_to</c>.</value></summary>
    public string ValidToColumn { get; init; } = "_dlt_valid_to";

    /// <summary>The valid-to value of active versions. <value>The default value is <see langword="null"/> (SQL NULL).</value></summary>
    public DateTimeOffset? ActiveRecordTimestamp { get; init; }

    /// <summary>The time versions of a load become valid and retired versions end. <value>The default value is <see langword="null"/>: the load package's creation time.</value></summary>
    public DateTimeOffset? BoundaryTimestamp { get; init; }

    /// <summary>A column of the data that versions a row. <value>The default value is <see langword="null"/>: <c>_dlt_id</c>, the hash of the item without its <c>_dlt</c> keys.</value></summary>
    public string? RowVersionColumn { get; init; }
}
