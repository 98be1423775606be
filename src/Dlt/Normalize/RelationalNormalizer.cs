using System.Runtime.CompilerServices;
using System.Text.Json;
using Dlt.Schemas.Naming;
using Dlt.Schemas;
using Dlt.Storage;

namespace Dlt.Normalize;

/// <summary>
/// dlt's relational normalizer: flattens nested objects into <c>a__b</c> columns, turns lists into
/// child tables linked by <c>_dlt_parent_id</c> and <c>_dlt_list_idx</c>, adds the system columns,
/// infers column types (or coerces into existing ones, else into variant columns), and hands each
/// row to its table's writer. Schema contracts are checked only where the schema is about to
/// change (a new table, column or variant column), so rows that fit the schema pay nothing for them.
/// </summary>
internal sealed class RelationalNormalizer
{
    private const int DefaultMaxNesting = 1000;
    private const string ValueColumn = "value";
    private const string ListFragment = "list";

    private JsonTapeValue _item;

    private readonly Schema _schema;
    private readonly Func<TableSchema, TableFileWriter> _writerFor;
    private readonly Dictionary<TableSchema, TableOutput> _outputs = new(ReferenceEqualityComparer.Instance);
    private readonly NameCache _names;
    private readonly RowIdArena _ids = new();
    private readonly byte[] _loadIdUtf8;
    private readonly List<RowScratch> _scratch = [];
    private readonly SchemaChanges _changes;
    private readonly Dictionary<string, ResolvedContract> _contracts = new(StringComparer.Ordinal);
    private readonly OwnRowIds.Scope _ownIds;
    private readonly Dictionary<string, bool> _rootKeyChains = new(StringComparer.Ordinal);
    private bool _rowMayAddColumns;

    /// <summary>The root table of the last item and <see cref="PropagatesRootKey"/> for it: items of a segment share their table.</summary>
    private TableSchema? _lastRoot;
    private bool _lastRootPropagates;

    public RelationalNormalizer(Schema schema, string loadId, NameCache names, SchemaChanges changes, OwnRowIds.Scope ownIds, Func<TableSchema, TableFileWriter> writerFor)
    {
        _ownIds = ownIds;
        _schema = schema;
        _loadIdUtf8 = System.Text.Encoding.UTF8.GetBytes(loadId);
        _names = names;
        _changes = changes;
        _writerFor = writerFor;
    }

    /// <summary>
    /// A contract decision here depended on what the schema held (a table still new, a column or
    /// variant discarded or refused): normalized against a schema with more tables and columns in
    /// it, the rows could come out differently.
    /// </summary>
    public bool ContractDependent { get; private set; }

    /// <summary>Normalizes one item of the root table <paramref name="rootTableName"/> (already a normalized name).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void NormalizeItem(JsonTapeValue item, string rootTableName)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new NormalizeException($"An item of table '{rootTableName}' is a JSON {item.ValueKind}, not an object.");
        }

        _schema.TryGetTable(rootTableName, out var existing);
        if (existing is not { HasCompleteColumns: true } && !NewTableAllowed(existing, rootTableName, existing))
        {
            return;
        }

        var root = existing ?? AddTable(rootTableName, parent: null);
        var context = new ItemContext(
            root.MaxNesting ?? DefaultMaxNesting,
            PropagatesRootKey(root),
            root.WriteDisposition == WriteDisposition.Merge && root.MergeStrategy is MergeStrategy.Upsert or MergeStrategy.InsertOnly,
            root.WriteDisposition == WriteDisposition.Merge && root.MergeStrategy == MergeStrategy.Scd2 && !root.Columns.Any(c => c.RowVersion && c.Name != Schema.IdColumn));
        _ids.Reset();
        _item = item;
        NormalizeRow(item, root, rootTableName, parentRowId: null, listIndex: -1, childRowId: default, level: 0, rootRowId: null, context, depth: 0);
    }

    /// <summary>
    /// dlt's <c>requires_root_key</c>: the nested rows of a merge table (but scd2) carry
    /// <c>_dlt_root_id</c>, and so do those of any table whose nested tables already have that root
    /// key column: a table merged once keeps filling it after its write disposition changes (to
    /// append, replace or scd2), as dlt does, so its NOT NULL column never meets a row without it.
    /// Nested tables gain the column only through this propagation, so the answer for a table holds
    /// for the whole package.
    /// </summary>
    private bool PropagatesRootKey(TableSchema root)
    {
        if (root.WriteDisposition == WriteDisposition.Merge && root.MergeStrategy != MergeStrategy.Scd2)
        {
            return true;
        }

        if (ReferenceEquals(root, _lastRoot))
        {
            return _lastRootPropagates;
        }

        if (!_rootKeyChains.TryGetValue(root.Name, out var propagates))
        {
            propagates = HasNestedTableWithRootKey(root);
            _rootKeyChains[root.Name] = propagates;
        }

        (_lastRoot, _lastRootPropagates) = (root, propagates);
        return propagates;
    }

    // Apart from PropagatesRootKey, which runs for every item: its lambda's closure would be allocated on each call.
    private bool HasNestedTableWithRootKey(TableSchema root) =>
        _schema.Tables.Any(t => !t.IsRoot && t.Columns.Any(c => c.RootKey) && _schema.RootOf(t) == root);

    // childRowId: the row's id from its parent and list position (unused for a root row).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void NormalizeRow(JsonTapeValue obj, TableSchema table, string tableFullPath, RowId? parentRowId, int listIndex, RowId childRowId, int level, RowId? rootRowId, in ItemContext context, int depth)
    {
        var scratch = ScratchAt(depth);
        var output = OutputFor(table);
        Flatten(obj, table, output, tableFullPath, level, context, scratch);

        var writer = output.Writer;
        RowId? rowId = null;
        var hasOwnId = false;
        _rowMayAddColumns = table.EvolveColumnsOnce || !table.HasCompleteColumns;
        for (var position = 0; position < scratch.Columns.Count; position++)
        {
            var (column, value) = scratch.Columns[position];
            if (column == Schema.IdColumn)
            {
                hasOwnId = true;
                var ownId = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
                CheckOwnIdIsNew(table, ownId);
                rowId = _ids.Add(ownId);
            }

            if (!WriteValue(table, writer, column, value, output.IndexOf(table, FirstValueSlot + scratch.Slots[position], column)))
            {
                // discard_row: neither the row nor its nested rows are written.
                writer.DiscardRow();
                return;
            }
        }

        if (parentRowId is not { } parent)
        {
            if (rowId is null && context.KeyHash)
            {
                rowId = _ids.Add(KeyHashId(table, scratch.Columns));
            }
            else if (rowId is null && context.RowHash)
            {
                rowId = _ids.Add(RowHashId(_item.ToElement()));
            }

            rowId ??= _ids.NextRandom();
            WriteSystemText(table, output, Schema.LoadIdColumn, _loadIdUtf8);
            if (!hasOwnId)
            {
                WriteSystemText(table, output, Schema.IdColumn, _ids[rowId.Value]);
            }

            rootRowId = rowId;
        }
        else
        {
            rowId ??= childRowId;
            WriteChildLinks(table, output, parent, listIndex, rowId.Value, context.PropagateRootKey ? rootRowId : null);
        }

        writer.EndRow();
        MarkSeen(table);

        if (scratch.Lists.Count == 0)
        {
            return;
        }

        // The ids of all the rows of the row's lists are hashed together: short lists fill the vectors.
        var ids = scratch.ListIds(_ids, _names.Naming, rowId.Value);
        for (int i = 0, first = 0; i < scratch.Lists.Count; first += scratch.ListLengths[i], i++)
        {
            var (fullPath, list) = scratch.Lists[i];
            NormalizeList(list, table, fullPath, scratch.ListNames[i], ids.AsSpan(first, scratch.ListLengths[i]), rowId.Value, level + 1, rootRowId, context, depth + 1);
        }
    }

    /// <summary>
    /// Ids the normalizer makes are unique (random for root rows, hashed from the parent id, table and
    /// list position for child rows, one list per name and row); ids that come with the data are checked
    /// across the package (<see cref="OwnRowIds"/>), so that two rows of a table never share a
    /// <c>_dlt_id</c>, which PostgreSQL would reject at load time (and DuckDB would keep, breaking the
    /// child tables' links).
    /// </summary>
    private void CheckOwnIdIsNew(TableSchema table, string id) => _ownIds.Add(table.Name, id);

    /// <param name="list">The list (a JSON array).</param>
    /// <param name="parent">The parent row's table.</param>
    /// <param name="childFullPath">The child table's unshortened path.</param>
    /// <param name="name">The child table's name.</param>
    /// <param name="ids">The ids of the list's rows (made by the caller, see <see cref="RowScratch.ListIds"/>), valid while the list is normalized.</param>
    /// <param name="parentRowId">The parent row's id.</param>
    /// <param name="level">The nesting level of the list's rows.</param>
    /// <param name="rootRowId">The root row's id, when nested rows carry it.</param>
    /// <param name="context">The item's settings.</param>
    /// <param name="depth">The scratch depth of the list's rows.</param>
    private void NormalizeList(JsonTapeValue list, TableSchema parent, string childFullPath, string name, ReadOnlySpan<RowId> ids, RowId parentRowId, int level, RowId? rootRowId, in ItemContext context, int depth)
    {
        // An empty list yields no rows, so it must not create the child table either.
        if (ids.Length == 0)
        {
            return;
        }

        _schema.TryGetTable(name, out var table);
        if (table is not { HasCompleteColumns: true } && !NewTableAllowed(table, name, table ?? parent))
        {
            return;
        }

        table ??= AddTable(name, parent.Name);
        var index = 0;
        foreach (var element in list.EnumerateArray())
        {
            var rowId = ids[index];
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    NormalizeRow(element, table, childFullPath, parentRowId, index, rowId, level, rootRowId, context, depth);
                    break;
                case JsonValueKind.Array:
                    NormalizeListOfLists(element, table, childFullPath, parentRowId, index, rowId, level, rootRowId, context, depth);
                    break;
                default:
                    NormalizeScalar(element, table, parentRowId, index, rowId, rootRowId, context);
                    break;
            }

            index++;
        }
    }

    /// <summary>A list inside a list becomes an intermediary row <c>{"list": [...]}</c>, so its items go to <c>&lt;table&gt;__list</c>.</summary>
    private void NormalizeListOfLists(JsonTapeValue inner, TableSchema table, string tableFullPath, RowId parentRowId, int index, RowId rowId, int level, RowId? rootRowId, in ItemContext context, int depth)
    {
        var output = OutputFor(table);
        var writer = output.Writer;
        var listLevel = level + 1;
        var listColumn = _names.Append("", ListFragment).Name;
        var keepAsJson = listLevel >= context.MaxNesting || IsJsonColumn(table, listColumn);
        _rowMayAddColumns = table.EvolveColumnsOnce || !table.HasCompleteColumns;
        if (keepAsJson && !WriteValue(table, writer, listColumn, inner, output.IndexOf(table, FirstValueSlot, listColumn)))
        {
            writer.DiscardRow();
            return;
        }

        WriteChildLinks(table, output, parentRowId, index, rowId, context.PropagateRootKey ? rootRowId : null);
        writer.EndRow();
        MarkSeen(table);
        if (!keepAsJson)
        {
            var (fullPath, _) = _names.Append(tableFullPath, ListFragment);
            var name = _names.Naming.ShortenFragments(fullPath);
            var ids = ScratchAt(depth).InnerListIds(_ids, name, rowId, inner.GetArrayLength());
            NormalizeList(inner, table, fullPath, name, ids, rowId, listLevel + 1, rootRowId, context, depth + 1);
        }
    }

    private void NormalizeScalar(JsonTapeValue value, TableSchema table, RowId parentRowId, int index, RowId rowId, RowId? rootRowId, in ItemContext context)
    {
        var output = OutputFor(table);
        var writer = output.Writer;
        _rowMayAddColumns = table.EvolveColumnsOnce || !table.HasCompleteColumns;
        if (value.ValueKind != JsonValueKind.Null && !WriteValue(table, writer, ValueColumn, value, output.IndexOf(table, FirstValueSlot, ValueColumn)))
        {
            writer.DiscardRow();
            return;
        }

        WriteChildLinks(table, output, parentRowId, index, rowId, context.PropagateRootKey ? rootRowId : null);
        writer.EndRow();
        MarkSeen(table);
    }

    /// <summary>
    /// Walks an object level by level with a stack: the scalar (and json) fields of a level first in
    /// key order, nested objects pushed and taken last-first, lists collected in walk order. When two
    /// keys of the row may name one column or child table, the row is walked again by dlt's rule.
    /// </summary>
    private void Flatten(JsonTapeValue obj, TableSchema table, TableOutput output, string tableFullPath, int level, in ItemContext context, RowScratch scratch)
    {
        if (!Walk(obj, table, output, tableFullPath, level, context, scratch, collisions: false))
        {
            Walk(obj, table, output, tableFullPath, level, context, scratch, collisions: true);
        }
    }

    /// <summary>
    /// One walk of <see cref="Flatten"/>. Without <paramref name="collisions"/>, nulls are skipped and
    /// the walk returns false as soon as it meets a key that may collide. With it, every name keeps the
    /// place where it was first seen and the value of the last key that named it, even a null (which
    /// then leaves the column empty), as dlt's <c>_flatten</c> fills its dicts <c>out_rec_row</c> and
    /// <c>out_rec_list</c>: one column value and one list per name.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Walk(JsonTapeValue obj, TableSchema table, TableOutput output, string tableFullPath, int level, in ItemContext context, RowScratch scratch, bool collisions)
    {
        scratch.Clear();
        scratch.Stack.Push((obj, "", level));
        var key = -1;
        while (scratch.Stack.TryPop(out var frame))
        {
            foreach (var property in frame.Object.EnumerateObject())
            {
                key++;
                var value = property.Value;
                var kind = value.ValueKind;
                var names = _names.Key(property, ref output.KeyAt(key));
                if (!collisions)
                {
                    if (names.MayCollide)
                    {
                        return false;
                    }

                    if (kind == JsonValueKind.Null)
                    {
                        continue;
                    }
                }

                var (fullPath, column) = _names.Append(frame.Path, names);
                if (kind == JsonValueKind.Null)
                {
                    SetLast(scratch.Columns, ColumnName(column), value);
                    continue;
                }

                if (kind is JsonValueKind.Object or JsonValueKind.Array &&
                    frame.Level < context.MaxNesting && !IsJsonColumn(table, column))
                {
                    if (kind == JsonValueKind.Object)
                    {
                        scratch.Stack.Push((value, fullPath, frame.Level + 1));
                    }
                    else
                    {
                        var rowPath = _names.Append(frame.Path, names.TableIdentifier).FullPath;
                        var listPath = _names.Append(tableFullPath, rowPath).FullPath;
                        if (collisions)
                        {
                            SetLast(scratch.Lists, listPath, value);
                        }
                        else
                        {
                            scratch.Lists.Add((listPath, value));
                        }
                    }

                    continue;
                }

                if (collisions)
                {
                    SetLast(scratch.Columns, ColumnName(column), value);
                }
                else
                {
                    scratch.Columns.Add((ColumnName(column), value));
                    scratch.Slots.Add(key);
                }
            }
        }

        if (collisions)
        {
            scratch.Columns.RemoveAll(static c => c.Value.ValueKind == JsonValueKind.Null);
            scratch.Slots.AddRange(Enumerable.Range(0, scratch.Columns.Count));
        }

        return true;
    }

    // A scalar under a key of only separators ("__") at the top has an empty path: dlt names that
    // column "" and the load fails, so it goes to "_empty" like a blank key (docs/divergences.md).
    private static string ColumnName(string column) => column.Length == 0 ? NameCache.EmptyKey : column;

    private static void SetLast(List<(string Name, JsonTapeValue Value)> entries, string name, JsonTapeValue value)
    {
        var index = entries.FindIndex(e => string.Equals(e.Name, name, StringComparison.Ordinal));
        if (index < 0)
        {
            entries.Add((name, value));
        }
        else
        {
            entries[index] = (name, value);
        }
    }

    private static bool IsJsonColumn(TableSchema table, string column) =>
        table.TryGetColumn(column, out var existing) && existing.DataType == DataType.Json;

    /// <summary>Writes a value into its column (or a variant of it); false when the schema contract discards the row.</summary>
    /// <param name="table">The row's table.</param>
    /// <param name="writer">The table's writer.</param>
    /// <param name="column">The value's column.</param>
    /// <param name="value">The value.</param>
    /// <param name="index">The column's index in the table, -1 when the table has no such column yet.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool WriteValue(TableSchema table, TableFileWriter writer, string column, JsonTapeValue value, int index)
    {
        if (index >= 0 && table.ColumnAt(index).DataType is { } existingType)
        {
            if (value.ValueKind == JsonValueKind.String && TryWritePlainString(writer, index, existingType, value))
            {
                return true;
            }

            var natural = ItemValue.Read(value, detect: false, out var typeName);
            if (Coercion.TryCoerce(natural, existingType, out var coerced))
            {
                writer.Set(index, coerced);
                return true;
            }

            return WriteVariant(table, writer, column, value, natural, typeName);
        }

        var inferred = ItemValue.Read(value, detect: true, out _);
        switch (NewColumnMode(table, column, inferred.Type, variantOf: null))
        {
            case ContractMode.DiscardRow:
                return false;
            case ContractMode.DiscardValue:
                return true;
        }

        index = AddOrCompleteColumn(table, column, inferred.Type, variant: false);
        writer.Set(index, inferred);
        return true;
    }

    /// <summary>
    /// The common case of a string (no escapes, no typed-value marker) going into an existing text
    /// or timestamp column, straight from its UTF-8 bytes: no string is made for it. Anything else
    /// returns false and takes the general path (<see cref="ItemValue"/> and <see cref="Coercion"/>),
    /// which gives the same result for these values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryWritePlainString(TableFileWriter writer, int index, DataType columnType, JsonTapeValue value)
    {
        const int MaxTimestampChars = 64;
        var quoted = value.RawUtf8;
        var utf8 = quoted[1..^1];
        if (!value.IsPlainString)
        {
            return false;
        }

        switch (columnType)
        {
            case DataType.Text:
                writer.SetUtf8(index, utf8);
                return true;
            case DataType.Timestamp when IsoTimestamp.TryParseCommonShapeUtf8(utf8, out var common):
                writer.Set(index, Cell.OfTimestamp(common));
                return true;
            case DataType.Timestamp when utf8.Length <= MaxTimestampChars:
                Span<char> chars = stackalloc char[MaxTimestampChars];
                var length = System.Text.Encoding.UTF8.GetChars(utf8, chars);
                if (!IsoTimestamp.TryParseDateTime(chars[..length], out var utc))
                {
                    return false;
                }

                writer.Set(index, Cell.OfTimestamp(utc));
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Writes a value that its column's type cannot hold into the variant column named after the value's
    /// own type, as dlt's <c>_coerce_non_null_value</c> does: an existing variant column takes the value as
    /// given (coerced from its own type, so a text variant keeps an ISO timestamp string verbatim), a new
    /// one gets the type detected from the value (<c>_infer_column_type</c> skips only preferred types).
    /// </summary>
    private bool WriteVariant(TableSchema table, TableFileWriter writer, string column, JsonTapeValue value, Cell natural, string typeName)
    {
        var variant = _names.Naming.ShortenFragments(column, "v_" + typeName);
        var index = table.IndexOf(variant);
        if (index >= 0 && table.Columns[index].DataType is { } variantType)
        {
            if (!Coercion.TryCoerce(natural, variantType, out var coerced))
            {
                throw new NormalizeException(
                    $"Cannot store a {typeName} value in column '{column}' ({table.Columns[table.IndexOf(column)].DataType?.ToDltName()}) of table '{table.Name}', nor in its variant column '{variant}' ({variantType.ToDltName()}). Declare the column's type on the resource (WithColumns) or clean the data.");
            }

            writer.Set(index, coerced);
            return true;
        }

        var inferred = ItemValue.Read(value, detect: true, out _);
        switch (NewColumnMode(table, variant, inferred.Type, variantOf: column))
        {
            case ContractMode.DiscardRow:
                return false;
            case ContractMode.DiscardValue:
                return true;
        }

        index = AddOrCompleteColumn(table, variant, inferred.Type, variant: true);
        writer.Set(index, inferred);
        return true;
    }

    /// <summary>
    /// What the schema contract lets a new column (or, with <paramref name="variantOf"/>, a new
    /// variant column) do: <see cref="ContractMode.Evolve"/> adds it, the discard modes drop the
    /// value or the row, and <see cref="ContractMode.Freeze"/> throws. A table that was new when
    /// the row began (or is marked evolve-columns-once) takes any new column; dlt's own columns
    /// always evolve.
    /// </summary>
    private ContractMode NewColumnMode(TableSchema table, string column, DataType type, string? variantOf)
    {
        var contract = ContractOf(table);
        if (contract.IsEvolve || column.StartsWith("_dlt", StringComparison.Ordinal))
        {
            return ContractMode.Evolve;
        }

        var mode = variantOf is null ? contract.Columns : contract.DataType;
        if (mode == ContractMode.Evolve)
        {
            return mode;
        }

        if (variantOf is null && _rowMayAddColumns)
        {
            // A table that is new only for this schema snapshot would refuse the column against a later one.
            ContractDependent |= !table.EvolveColumnsOnce;
            return ContractMode.Evolve;
        }

        ContractDependent = true;
        if (mode == ContractMode.Freeze)
        {
            throw new SchemaContractViolationException(_schema.Name, table.Name, column, variantOf is null ? SchemaContractEntity.Columns : SchemaContractEntity.DataType, mode, type, variantOf);
        }

        return mode;
    }

    /// <summary>Whether a new table (absent, or with only incomplete columns) may get rows; freeze throws.</summary>
    /// <param name="table">The table when the schema has it.</param>
    /// <param name="name">The table's name.</param>
    /// <param name="contractOwner">The table whose contract applies: the table itself, or the parent of a table not yet in the schema.</param>
    private bool NewTableAllowed(TableSchema? table, string name, TableSchema? contractOwner)
    {
        var contract = contractOwner is null ? (_schema.SchemaContract?.Expand() ?? ResolvedContract.Evolve) : ContractOf(contractOwner);
        if (contract.Tables == ContractMode.Evolve || name.StartsWith("_dlt", StringComparison.Ordinal))
        {
            return true;
        }

        ContractDependent = true;
        if (contract.Tables == ContractMode.Freeze)
        {
            throw new SchemaContractViolationException(_schema.Name, table?.Name ?? name, null, SchemaContractEntity.Tables, contract.Tables, null);
        }

        return false;
    }

    private ResolvedContract ContractOf(TableSchema table)
    {
        if (!_contracts.TryGetValue(table.Name, out var contract))
        {
            contract = _schema.ContractFor(table);
            _contracts[table.Name] = contract;
        }

        return contract;
    }

    /// <summary>The index of a system column in the output's table, added on first use.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int SystemColumnIndex(TableSchema table, TableOutput output, string column)
    {
        var slot = column switch
        {
            Schema.LoadIdColumn => 0,
            Schema.IdColumn => 1,
            Schema.ParentIdColumn => 2,
            Schema.RootIdColumn => 3,
            _ => 4,
        };
        var index = output.IndexOf(table, slot, column);
        return index >= 0 ? index : SystemColumnIndex(table, column);
    }

    /// <summary>The index of a system column in <paramref name="table"/>, added on first use.</summary>
    private int SystemColumnIndex(TableSchema table, string column)
    {
        var index = table.IndexOf(column);
        if (index >= 0)
        {
            return index;
        }

        var system = SystemColumn(column);
        if (column == Schema.IdColumn && table is { IsRoot: true, MergeStrategy: MergeStrategy.Scd2 } && !table.Columns.Any(c => c.RowVersion))
        {
            // dlt's scd2 default: _dlt_id is the row version (a row hash), not a unique row key.
            system = system with { RowVersion = true, Unique = false, RowKey = false };
        }

        return AddColumn(table, system);
    }

    private void WriteChildLinks(TableSchema table, TableOutput output, RowId parentRowId, int index, RowId rowId, RowId? rootRowId)
    {
        if (rootRowId is { } root)
        {
            WriteSystemText(table, output, Schema.RootIdColumn, _ids[root]);
        }

        WriteSystemText(table, output, Schema.ParentIdColumn, _ids[parentRowId]);
        output.Writer.Set(SystemColumnIndex(table, output, Schema.ListIndexColumn), Cell.OfInt(DataType.BigInt, index));
        WriteSystemText(table, output, Schema.IdColumn, _ids[rowId]);
    }

    /// <summary>A text system column (load id, row ids) from UTF-8; should the data have given the column another type, it gets a text cell as any value would.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteSystemText(TableSchema table, TableOutput output, string column, ReadOnlySpan<byte> utf8)
    {
        var index = SystemColumnIndex(table, output, column);
        if (table.Columns[index].DataType == DataType.Text)
        {
            output.Writer.SetUtf8(index, utf8);
        }
        else
        {
            output.Writer.Set(index, Cell.OfText(DataType.Text, System.Text.Encoding.UTF8.GetString(utf8)));
        }
    }

    private static ColumnSchema SystemColumn(string name) => name switch
    {
        Schema.LoadIdColumn => new ColumnSchema(name, DataType.Text) { Nullable = false },
        Schema.IdColumn => new ColumnSchema(name, DataType.Text) { Nullable = false, Unique = true, RowKey = true },
        Schema.ParentIdColumn => new ColumnSchema(name, DataType.Text) { Nullable = false, ParentKey = true },
        Schema.RootIdColumn => new ColumnSchema(name, DataType.Text) { Nullable = false, RootKey = true },
        Schema.ListIndexColumn => new ColumnSchema(name, DataType.BigInt) { Nullable = false },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a system column."),
    };

    private int AddOrCompleteColumn(TableSchema table, string column, DataType type, bool variant)
    {
        var index = table.IndexOf(column);
        if (index >= 0)
        {
            var completed = table.Columns[index] with { DataType = type };
            table.SetColumn(completed);
            _changes.ColumnAdded(table.Name, completed);
            return index;
        }

        var isSystem = column.StartsWith("_dlt", StringComparison.Ordinal);
        return AddColumn(table, isSystem && IsSystemColumnName(column) ? SystemColumn(column) with { DataType = type } : new ColumnSchema(column, type) { Variant = variant });
    }

    private static bool IsSystemColumnName(string column) =>
        column is Schema.LoadIdColumn or Schema.IdColumn or Schema.ParentIdColumn or Schema.RootIdColumn or Schema.ListIndexColumn;

    private int AddColumn(TableSchema table, ColumnSchema column)
    {
        table.SetColumn(column);
        _changes.ColumnAdded(table.Name, column);
        return table.Columns.Count - 1;
    }

    private TableSchema AddTable(string name, string? parent)
    {
        var table = new TableSchema(name, parent);
        if (parent is null)
        {
            table.WriteDisposition = WriteDisposition.Append;
            table.Resource = name;
        }

        _schema.AddTable(table);
        _changes.TableAdded(table);
        return table;
    }

    private static void MarkSeen(TableSchema table) => table.SeenData = true;

    // Slots of TableOutput: 0-4 for the system columns, then one per position of a value in the flattened row.
    private const int FirstValueSlot = 5;

    private TableOutput OutputFor(TableSchema table)
    {
        if (!_outputs.TryGetValue(table, out var output))
        {
            output = new TableOutput(_writerFor(table));
            _outputs[table] = output;
        }

        return output;
    }

    private RowScratch ScratchAt(int depth)
    {
        while (_scratch.Count <= depth)
        {
            _scratch.Add(new RowScratch());
        }

        return _scratch[depth];
    }

    private readonly record struct ItemContext(int MaxNesting, bool PropagateRootKey, bool KeyHash, bool RowHash);

    /// <summary>
    /// dlt's <c>row_hash</c> of an scd2 root row: the hash of the original item without its top-level
    /// <c>_dlt</c> keys, as compact JSON with keys sorted at every level, so a change anywhere in the
    /// item (nested data included) makes a new version.
    /// </summary>
    private static string RowHashId(JsonElement item)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteSorted(json, item, topLevel: true);
        }

        return IdHash.KeyHashId(buffer.WrittenSpan);
    }

    private static void WriteSorted(Utf8JsonWriter json, JsonElement value, bool topLevel)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                json.WriteStartObject();
                foreach (var property in value.EnumerateObject().Where(p => !topLevel || !p.Name.StartsWith("_dlt", StringComparison.Ordinal)).OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    json.WritePropertyName(property.Name);
                    WriteSorted(json, property.Value, topLevel: false);
                }

                json.WriteEndObject();
                break;
            case JsonValueKind.Array:
                json.WriteStartArray();
                foreach (var element in value.EnumerateArray())
                {
                    WriteSorted(json, element, topLevel: false);
                }

                json.WriteEndArray();
                break;
            default:
                value.WriteTo(json);
                break;
        }
    }

    /// <summary>dlt's <c>key_hash</c> of an upsert or insert-only root row: the hash of its primary key values as compact JSON, keys sorted.</summary>
    private static string KeyHashId(TableSchema table, List<(string Column, JsonTapeValue Value)> columns)
    {
        var keys = table.Columns.Where(c => c.PrimaryKey).Select(c => c.Name).Order(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            throw new NormalizeException($"Table '{table.Name}' uses merge strategy upsert or insert-only, which needs a primary key: declare it with WithPrimaryKey.");
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            foreach (var key in keys)
            {
                var index = columns.FindIndex(c => c.Column == key);
                if (index < 0 || columns[index].Value.ValueKind == JsonValueKind.Null)
                {
                    throw new NormalizeException($"A row of table '{table.Name}' has no value for its primary key column '{key}'; upsert and insert-only need it in every row.");
                }

                json.WritePropertyName(key);
                columns[index].Value.ToElement().WriteTo(json);
            }

            json.WriteEndObject();
        }

        return IdHash.KeyHashId(buffer.WrittenSpan);
    }

    /// <summary>Reusable per-depth lists, so flattening a row allocates nothing once warmed up.</summary>
    private sealed class RowScratch
    {
        public Stack<(JsonTapeValue Object, string Path, int Level)> Stack { get; } = new();

        public List<(string Name, JsonTapeValue Value)> Columns { get; } = [];

        /// <summary>
        /// Per entry of <see cref="Columns"/>, the place of its key among all the keys the walk met
        /// (nulls, objects and lists too), so that rows of one shape give each column the same
        /// <see cref="TableOutput"/> slot even where some of their values are null.
        /// </summary>
        public List<int> Slots { get; } = [];

        /// <summary>The child tables' unshortened paths and their lists.</summary>
        public List<(string Name, JsonTapeValue Value)> Lists { get; } = [];

        /// <summary>The child table names of <see cref="Lists"/>, once <see cref="ListIds"/> made them.</summary>
        public List<string> ListNames { get; } = [];

        /// <summary>The lengths of <see cref="Lists"/>, once <see cref="ListIds"/> counted them.</summary>
        public List<int> ListLengths { get; } = [];

        private RowId[] _listIds = new RowId[Shake128Hash.Parallel];

        private RowId[] _innerIds = new RowId[Shake128Hash.Parallel];

        /// <summary>
        /// Names the child tables of <see cref="Lists"/> and makes the ids of all their rows, those
        /// of list <c>i</c> after those of list <c>i - 1</c>: valid until this scratch is cleared
        /// (its row's lists are normalized at the next depth, which has a scratch of its own).
        /// </summary>
        public RowId[] ListIds(RowIdArena arena, INamingConvention naming, RowId parentRowId)
        {
            var total = 0;
            ListNames.Clear();
            ListLengths.Clear();
            foreach (var (fullPath, list) in Lists)
            {
                var length = list.GetArrayLength();
                ListNames.Add(length == 0 ? "" : naming.ShortenFragments(fullPath));
                ListLengths.Add(length);
                total += length;
            }

            if (_listIds.Length < total)
            {
                _listIds = new RowId[Math.Max(total, _listIds.Length * 2)];
            }

            arena.AddChildIds(parentRowId, ListNames, ListLengths, _listIds.AsSpan(0, total));
            return _listIds;
        }

        /// <summary>The ids of the rows of a list inside a list whose intermediary row is normalized at this depth: valid until the next call.</summary>
        public ReadOnlySpan<RowId> InnerListIds(RowIdArena arena, string childTable, RowId parentRowId, int length)
        {
            if (_innerIds.Length < length)
            {
                _innerIds = new RowId[Math.Max(length, _innerIds.Length * 2)];
            }

            arena.AddChildIds(parentRowId, childTable, 0, _innerIds.AsSpan(0, length));
            return _innerIds.AsSpan(0, length);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Clear()
        {
            Stack.Clear();
            Columns.Clear();
            Slots.Clear();
            Lists.Clear();
        }
    }
}
