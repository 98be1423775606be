namespace Dlt.Rest;

/// <summary>
/// One resource of a declarative REST API (dlt's <c>EndpointResource</c>): its endpoint and the
/// hints of its table. A string converts to a resource of that name whose endpoint path is the name.
/// </summary>
public sealed record EndpointResource
{
    /// <summary>The resource name (<c>name</c>); also the table name unless <see cref="TableName"/> is set.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// The request(s) that yield the records (<c>endpoint</c>; a string is its path).
    /// <value>The default value is <see langword="null"/>: the path is the resource name.</value>
    /// </summary>
    public Endpoint? Endpoint { get; init; }

    /// <summary>The table the records load into (<c>table_name</c>). <value>The default value is <see langword="null"/>: the resource name.</value></summary>
    public string? TableName { get; init; }

    /// <summary>How rows reach the table (<c>write_disposition</c>). <value>The default value is <see langword="null"/>: append.</value></summary>
    public WriteDisposition? WriteDisposition { get; init; }

    /// <summary>The merge strategy of a merge resource (<c>write_disposition.strategy</c>). <value>The default value is <see langword="null"/>: delete-insert.</value></summary>
    public MergeStrategy? MergeStrategy { get; init; }

    /// <summary>The primary key columns (<c>primary_key</c>). <value>The default value is <see langword="null"/>: none.</value></summary>
    public IReadOnlyList<string>? PrimaryKey { get; init; }

    /// <summary>The merge key columns (<c>merge_key</c>). <value>The default value is <see langword="null"/>: none.</value></summary>
    public IReadOnlyList<string>? MergeKey { get; init; }

    /// <summary>Columns with explicit types and hints (<c>columns</c>). <value>The default value is <see langword="null"/>: inferred.</value></summary>
    public IReadOnlyList<ColumnHint>? Columns { get; init; }

    /// <summary>How deep nested values become child tables (<c>max_table_nesting</c>). <value>The default value is <see langword="null"/>: no limit.</value></summary>
    public int? MaxTableNesting { get; init; }

    /// <summary>
    /// Whether the resource loads (<c>selected</c>); an unselected parent is still requested for its children.
    /// <value>The default value is <see langword="null"/>: selected.</value>
    /// </summary>
    public bool? Selected { get; init; }

    /// <summary>
    /// Fields of the parent record copied into each record of this child resource as <c>_&lt;parent&gt;_&lt;field&gt;</c> (<c>include_from_parent</c>).
    /// <value>The default value is <see langword="null"/>: none.</value>
    /// </summary>
    public IReadOnlyList<string>? IncludeFromParent { get; init; }

    /// <summary>
    /// Filters and maps applied to every record in order, before it loads or reaches a child resource (<c>processing_steps</c>; C# only).
    /// <value>The default value is <see langword="null"/>: none.</value>
    /// </summary>
    public IReadOnlyList<ProcessingStep>? ProcessingSteps { get; init; }

    /// <summary>A resource named <paramref name="name"/> whose endpoint path is its name.</summary>
    public static implicit operator EndpointResource(string name) => new() { Name = name };

    /// <summary>A resource named <paramref name="name"/> whose endpoint path is its name.</summary>
    public static EndpointResource FromName(string name) => name;
}
