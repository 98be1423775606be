namespace Dlt.Postgres;

/// <summary>Settings of the PostgreSQL destination that are not credentials.</summary>
public sealed record PostgresOptions
{
    /// <summary>
    /// Whether columns with the <c>unique</c> hint (such as <c>_dlt_id</c>) get a <c>UNIQUE</c> constraint,
    /// as dlt's <c>create_indexes</c>. Each constraint is an index that COPY maintains, so turning it off
    /// loads faster and gives up the duplicate check.
    /// <value>The default value is <see langword="true"/> (dlt's postgres default).</value>
    /// </summary>
    public bool CreateIndexes { get; init; } = true;
}
