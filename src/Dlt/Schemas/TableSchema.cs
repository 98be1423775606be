namespace Dlt.Schemas;

/// <summary>A table of the schema with its columns in the order they were first seen.</summary>
internal sealed class TableSchema
{
    private readonly List<ColumnSchema> _columns = [];
    private readonly Dictionary<string, int> _columnIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _completedOrder = new(StringComparer.Ordinal);

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

    /// <summary>dlt's <c>x-merge-strategy</c>, set only when a resource chose one; <see langword="null"/> means delete-insert.</summary>
    public MergeStrategy? MergeStrategy { get; set; }

    /// <summary>dlt's <c>x-stage-data-deduplicated</c>: a merge load's rows are taken as free of duplicate keys.</summary>
    public bool Deduplicated { get; set; }

    /// <summary>dlt's <c>x-boundary-timestamp</c> (scd2); <see langword="null"/> means the load package's creation time.</summary>
    public DateTimeOffset? BoundaryTimestamp { get; set; }

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

    /// <summary>The number of columns, without an interface call (the normalizer asks once per value).</summary>
    public int ColumnCount => _columns.Count;

    /// <summary>The column at <paramref name="index"/>, without an interface call (the normalizer asks once per value).</summary>
    public ColumnSchema ColumnAt(int index) => _columns[index];

    public bool IsRoot => Parent is null;

    /// <summary>Changes when the columns change places (<see cref="OrderColumnsAsCompleted"/>); adding or replacing a column keeps the others where they are.</summary>
    public int Layout { get; private set; }

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
        if (column.IsComplete)
        {
            _completedOrder.TryAdd(column.Name, _completedOrder.Count);
        }

        if (_columnIndex.TryGetValue(column.Name, out var index))
        {
            _columns[index] = column;
            return;
        }

        _columnIndex[column.Name] = _columns.Count;
        _columns.Add(column);
    }

    /// <summary>
    /// Puts the columns in the order they became complete, hint-only columns last: a column declared
    /// by a hint (a primary key) before the data typed it takes the place the data gives it, as dlt's
    /// <c>merge_columns</c> does. Called once a package is normalized, when no writer holds column positions.
    /// </summary>
    public void OrderColumnsAsCompleted()
    {
        var ordered = _columns.Where(c => c.IsComplete).OrderBy(c => _completedOrder[c.Name]).Concat(_columns.Where(c => !c.IsComplete)).ToList();
        _columns.Clear();
        _columns.AddRange(ordered);
        Layout++;
        for (var i = 0; i < _columns.Count; i++)
        {
            _columnIndex[_columns[i].Name] = i;
        }
    }

    public TableSchema Clone()
    {
        var clone = new TableSchema(Name, Parent)
        {
            WriteDisposition = WriteDisposition,
            Resource = Resource,
            MergeStrategy = MergeStrategy,
            Deduplicated = Deduplicated,
            BoundaryTimestamp = BoundaryTimestamp,
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
