namespace Dlt.Schemas;

/// <summary>A table of the schema with its columns in the order they were first seen.</summary>
internal sealed class TableSchema
{
    private readonly List<ColumnSchema> _columns = [];
    private readonly Dictionary<string, int> _columnIndex = new(StringComparer.Ordinal);

    public TableSchema(string name, string? parent = null)
    {
        Name = name;
        Parent = parent;
    }

    public string Name { get; }

    /// <summary>The parent table of a nested (child) table; <see langword="null"/> for root tables.</summary>
    public string? Parent { get; }

    public WriteDisposition? WriteDisposition { get; set; }

    public string? Resource { get; set; }

    /// <summary>dlt's <c>x-normalizer.seen-data</c>: the table received rows and exists in the destination.</summary>
    public bool SeenData { get; set; }

    /// <summary>dlt's <c>x-normalizer.max_nesting</c>, set from the resource's max_table_nesting.</summary>
    public int? MaxNesting { get; set; }

    /// <summary>The table's own <c>schema_contract</c>, set from its resource; nested tables inherit their root's.</summary>
    public SchemaContract? SchemaContract { get; set; }

    /// <summary>dlt's <c>x-normalizer.evolve-columns-once</c>: a new table under a non-evolving columns contract may take new columns until its first package is normalized.</summary>
    public bool EvolveColumnsOnce { get; set; }

    /// <summary>False while the table has only incomplete columns (or none): for schema contracts it is then a new table.</summary>
    public bool HasCompleteColumns { get; private set; }

    public IReadOnlyList<ColumnSchema> Columns => _columns;

    public bool IsRoot => Parent is null;

    public bool TryGetColumn(string name, out ColumnSchema column)
    {
        if (_columnIndex.TryGetValue(name, out var index))
        {
            column = _columns[index];
            return true;
        }

        column = null!;
        return false;
    }

    public int IndexOf(string name) => _columnIndex.TryGetValue(name, out var index) ? index : -1;

    /// <summary>Adds a new column at the end, or replaces an existing one in place.</summary>
    public void SetColumn(ColumnSchema column)
    {
        HasCompleteColumns |= column.IsComplete;
        if (_columnIndex.TryGetValue(column.Name, out var index))
        {
            _columns[index] = column;
            return;
        }

        _columnIndex[column.Name] = _columns.Count;
        _columns.Add(column);
    }

    public TableSchema Clone()
    {
        var clone = new TableSchema(Name, Parent)
        {
            WriteDisposition = WriteDisposition,
            Resource = Resource,
            SeenData = SeenData,
            MaxNesting = MaxNesting,
            SchemaContract = SchemaContract,
            EvolveColumnsOnce = EvolveColumnsOnce,
        };
        foreach (var column in _columns)
        {
            clone.SetColumn(column);
        }

        return clone;
    }
}
