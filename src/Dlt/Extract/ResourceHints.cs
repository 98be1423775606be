namespace Dlt.Extract;

/// <summary>The table hints a resource carries into the schema.</summary>
internal sealed record ResourceHints
{
    public string? TableName { get; init; }

    public Func<object, string>? TableNameOfItem { get; init; }

    public WriteDisposition WriteDisposition { get; init; } = WriteDisposition.Append;

    public IReadOnlyList<string> PrimaryKey { get; init; } = [];

    public IReadOnlyList<string> MergeKey { get; init; } = [];

    public MergeStrategy? MergeStrategy { get; init; }

    public bool Deduplicated { get; init; }

    public Scd2Options? Scd2 { get; init; }

    public IReadOnlyList<ColumnHint> Columns { get; init; } = [];

    public int? MaxTableNesting { get; init; }

    public bool Parallelized { get; init; }

    public SchemaContract? SchemaContract { get; init; }

    public IncrementalDefinition? Incremental { get; init; }
}
