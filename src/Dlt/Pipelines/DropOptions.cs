namespace Dlt;

/// <summary>What <see cref="Pipeline.DropAsync(DropOptions, CancellationToken)"/> drops: dlt's <c>dlt pipeline &lt;name&gt; drop</c> arguments.</summary>
public sealed record DropOptions
{
    /// <summary>
    /// The resources whose tables (with their nested tables) and resource state are dropped: exact names, or
    /// regular expressions after <c>re:</c> (<c>re:^repo</c>), matched from the start of the name as dlt does.
    /// <value>The default value is empty: no resource unless <see cref="DropAll"/>.</value>
    /// </summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>
    /// Drops every resource of the schema (supersedes <see cref="Resources"/>).
    /// <value>The default value is <see langword="false"/>.</value>
    /// </summary>
    public bool DropAll { get; init; }

    /// <summary>
    /// Keys of the source state to delete, as dot-separated paths relative to the source state
    /// (<c>archives</c>, <c>$.players.last</c>); <c>*</c> matches every key at its level. The <c>resources</c> key itself is never deleted.
    /// <value>The default value is empty.</value>
    /// </summary>
    public IReadOnlyList<string> StatePaths { get; init; } = [];

    /// <summary>
    /// The schema (and source) to drop from.
    /// <value>The default value is <see langword="null"/>: the pipeline's default schema (the state's <c>default_schema_name</c>).</value>
    /// </summary>
    public string? SchemaName { get; init; }

    /// <summary>
    /// Resets the state of the selected resources only; their tables are kept.
    /// <value>The default value is <see langword="false"/>.</value>
    /// </summary>
    public bool StateOnly { get; init; }
}
