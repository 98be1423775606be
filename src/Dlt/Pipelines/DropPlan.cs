namespace Dlt;

/// <summary>
/// What a drop will change (dlt's drop info), from <see cref="Pipeline.PlanDrop"/>: shown before the
/// drop is applied, as <c>dlt pipeline &lt;name&gt; drop</c> asks for confirmation.
/// </summary>
/// <param name="SchemaName">The schema the tables are dropped from.</param>
/// <param name="ResourceNames">The resources selected, with tables in the schema.</param>
/// <param name="Tables">The tables removed from the schema, nested tables first.</param>
/// <param name="TablesWithData">Of <paramref name="Tables"/>, those that received data: dropped in the destination.</param>
/// <param name="ResourceStates">The resources whose state is reset.</param>
/// <param name="StatePaths">The source state keys deleted, as <c>&lt;source&gt;.&lt;path&gt;</c>.</param>
/// <param name="Warnings">Selections that matched nothing.</param>
public sealed record DropPlan(
    string SchemaName,
    IReadOnlyList<string> ResourceNames,
    IReadOnlyList<string> Tables,
    IReadOnlyList<string> TablesWithData,
    IReadOnlyList<string> ResourceStates,
    IReadOnlyList<string> StatePaths,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Whether the drop changes nothing: no table to drop, no state to reset.</summary>
    public bool IsEmpty => Tables.Count == 0 && ResourceStates.Count == 0 && StatePaths.Count == 0;
}
