namespace Dlt;

/// <summary>A table of a <see cref="Dataset"/> and how many rows it holds (dlt's <c>dataset.row_counts()</c>).</summary>
/// <param name="Table">The table's name in the destination.</param>
/// <param name="Rows">Its row count.</param>
public sealed record TableRowCount(string Table, long Rows);
