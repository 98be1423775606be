using Dlt.Schemas;

namespace Dlt.Normalize;

/// <summary>
/// The tables and columns a normalizer added to its schema, in the order it added them. A parallel
/// worker's changes are replayed onto the package schema in file order, so the result does not
/// depend on the number of workers (written as <c>schema_updates.json</c>).
/// </summary>
internal sealed class SchemaChanges
{
    private readonly List<(string Table, TableSchema? NewTable, ColumnSchema? Column)> _changes = [];

    public bool IsEmpty => _changes.Count == 0;

    /// <summary>New column names per table, in order.</summary>
    public IEnumerable<(string Table, IReadOnlyList<string> Columns)> ColumnsByTable =>
        _changes.Where(c => c.Column is not null).GroupBy(c => c.Table).Select(g => (g.Key, (IReadOnlyList<string>)[.. g.Select(c => c.Column!.Name)]));

    public void TableAdded(TableSchema table) => _changes.Add((table.Name, table, null));

    public void ColumnAdded(string table, ColumnSchema column) => _changes.Add((table, null, column));

    /// <summary>Columns this change set gives a different type than <paramref name="target"/> already has.</summary>
    public IReadOnlyList<string> ConflictsWith(Schema target) =>
        [.. _changes
            .Where(c => c.Column is { IsComplete: true } && target.TryGetTable(c.Table, out var table) &&
                        table.TryGetColumn(c.Column.Name, out var existing) && existing.IsComplete &&
                        (existing.DataType != c.Column.DataType || existing.Variant != c.Column.Variant))
            .Select(c => $"{c.Table}.{c.Column!.Name}")];

    /// <summary>Whether every table and column of this change set is in <paramref name="target"/> as it is here (complete or not, same type and variant).</summary>
    public bool HoldsIn(Schema target) =>
        _changes.All(c => target.TryGetTable(c.Table, out var table) &&
                          (c.Column is null || (table.TryGetColumn(c.Column.Name, out var existing) && existing.IsComplete == c.Column.IsComplete &&
                                                (!existing.IsComplete || (existing.DataType == c.Column.DataType && existing.Variant == c.Column.Variant)))));

    /// <summary>Adds the new tables and columns to <paramref name="target"/>, in order; existing ones are kept.</summary>
    public void ApplyTo(Schema target, SchemaChanges record)
    {
        foreach (var (tableName, newTable, column) in _changes)
        {
            if (newTable is not null)
            {
                if (!target.TryGetTable(tableName, out _))
                {
                    var table = new TableSchema(newTable.Name, newTable.Parent) { WriteDisposition = newTable.WriteDisposition, Resource = newTable.Resource };
                    target.AddTable(table);
                    record.TableAdded(table);
                }

                continue;
            }

            var owner = target.GetTable(tableName);
            if (!owner.TryGetColumn(column!.Name, out var existing) || (!existing.IsComplete && column.IsComplete))
            {
                owner.SetColumn(column);
                record.ColumnAdded(tableName, column);
            }
        }
    }
}
