namespace Dlt.Normalize;

/// <summary>The tables and columns a package added to the schema (written as <c>schema_updates.json</c>).</summary>
internal sealed class SchemaChanges
{
    private readonly Dictionary<string, List<string>> _columns = new(StringComparer.Ordinal);
    private readonly List<string> _tables = [];

    public IReadOnlyDictionary<string, List<string>> Columns => _columns;

    public IReadOnlyList<string> Tables => _tables;

    public bool IsEmpty => _columns.Count == 0 && _tables.Count == 0;

    public void TableAdded(string table) => _tables.Add(table);

    public void ColumnAdded(string table, string column)
    {
        if (!_columns.TryGetValue(table, out var columns))
        {
            columns = [];
            _columns[table] = columns;
        }

        columns.Add(column);
    }
}
