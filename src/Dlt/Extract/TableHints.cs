using Dlt.Schemas;

namespace Dlt.Extract;

/// <summary>
/// Puts a resource's hints (write disposition, primary key, columns, nesting, schema contract) on
/// the tables it writes, and applies the schema contract to them as dlt's extract does: a new table
/// under a non-evolving <c>tables</c> contract is refused (freeze) or dropped, declared columns new
/// to an existing table under a non-evolving <c>columns</c> contract likewise, and a new table under
/// a non-evolving <c>columns</c> contract is marked evolve-columns-once.
/// </summary>
internal sealed class TableHints(Schema schema, Resource resource)
{
    /// <summary>Applies the hints to <paramref name="tableName"/>; false when the contract discards the table's items.</summary>
    public bool Apply(string tableName)
    {
        var hints = resource.Hints;
        schema.TryGetTable(tableName, out var table);
        var isNew = table is not { HasCompleteColumns: true };

        // As in dlt, the resource's contract replaces the stored table's here; without one the schema's applies.
        var contract = tableName.StartsWith("_dlt", StringComparison.Ordinal)
            ? ResolvedContract.Evolve
            : (hints.SchemaContract ?? schema.SchemaContract)?.Expand() ?? ResolvedContract.Evolve;
        if (isNew && contract.Tables != ContractMode.Evolve)
        {
            return contract.Tables != ContractMode.Freeze
                ? false
                : throw new SchemaContractViolationException(schema.Name, tableName, null, SchemaContractEntity.Tables, contract.Tables, null);
        }

        if (table is null)
        {
            table = new TableSchema(tableName);
            schema.AddTable(table);
        }

        table.WriteDisposition = hints.WriteDisposition;
        table.MergeStrategy = hints.MergeStrategy;
        table.Deduplicated = hints.Deduplicated;
        table.Resource = resource.Name;
        if (hints.SchemaContract is { } own)
        {
            table.SchemaContract = own;
        }

        if (isNew && contract.Columns != ContractMode.Evolve)
        {
            table.EvolveColumnsOnce = true;
        }

        if (hints.MaxTableNesting is { } maxNesting)
        {
            table.MaxNesting = maxNesting;
        }

        var columnsMode = isNew || table.EvolveColumnsOnce ? ContractMode.Evolve : contract.Columns;
        foreach (var hint in hints.Columns)
        {
            var name = schema.Naming.NormalizePath(hint.Name);
            if (ColumnAllowed(table, name, hint.DataType, columnsMode))
            {
                ApplyColumn(table, name, hint);
            }
        }

        foreach (var key in hints.PrimaryKey)
        {
            var name = schema.Naming.NormalizePath(key);
            if (ColumnAllowed(table, name, null, columnsMode))
            {
                var existing = table.TryGetColumn(name, out var column) ? column : new ColumnSchema(name, null);
                table.SetColumn(existing with { PrimaryKey = true, Nullable = false });
            }
        }

        if (hints.Scd2 is { } scd2 && hints.WriteDisposition == WriteDisposition.Merge)
        {
            table.BoundaryTimestamp = scd2.BoundaryTimestamp;
            var validFrom = schema.Naming.NormalizePath(scd2.ValidFromColumn);
            var validTo = schema.Naming.NormalizePath(scd2.ValidToColumn);
            table.SetColumn(new ColumnSchema(validFrom, DataType.Timestamp) { ValidFrom = true });
            table.SetColumn(new ColumnSchema(validTo, DataType.Timestamp) { ValidTo = true, ActiveRecordTimestamp = scd2.ActiveRecordTimestamp });
            // The default row version, _dlt_id, is marked when the normalizer adds it.
            var version = scd2.RowVersionColumn is { } versionName ? schema.Naming.NormalizePath(versionName) : Schema.IdColumn;
            if (table.TryGetColumn(version, out var versionColumn) || version != Schema.IdColumn)
            {
                table.SetColumn((versionColumn ?? new ColumnSchema(version, null)) with { RowVersion = true, Unique = false, RowKey = false });
            }
        }

        foreach (var key in hints.MergeKey)
        {
            var name = schema.Naming.NormalizePath(key);
            if (ColumnAllowed(table, name, null, columnsMode))
            {
                var existing = table.TryGetColumn(name, out var column) ? column : new ColumnSchema(name, null);
                table.SetColumn(existing with { MergeKey = true });
            }
        }

        MarkCursorColumn(table, columnsMode);
        return true;
    }

    /// <summary>
    /// Puts dlt's <c>incremental</c> hint on the cursor column of the resource's incremental, when its
    /// cursor path is a plain field name (dlt's <c>extract_simple_field_name</c>: not a JSON path), and
    /// takes it off any other column: the hint is compound, one column of a table holds it. Without
    /// such a cursor the table's hints stay as they are, as in dlt.
    /// </summary>
    private void MarkCursorColumn(TableSchema table, ContractMode columnsMode)
    {
        var field = resource.Hints.Incremental is { } incremental ? CursorPath.SimpleFieldName(incremental.CursorPath) : null;
        if (field is null)
        {
            return;
        }

        var name = schema.Naming.NormalizePath(field);
        foreach (var marked in table.Columns.Where(c => c.Incremental && c.Name != name).ToList())
        {
            table.SetColumn(marked with { Incremental = false });
        }

        if (ColumnAllowed(table, name, null, columnsMode))
        {
            var existing = table.TryGetColumn(name, out var column) ? column : new ColumnSchema(name, null);
            table.SetColumn(existing with { Incremental = true });
        }
    }

    /// <summary>A declared column new to an existing table passes a non-evolving <c>columns</c> contract only by throwing (freeze) or being dropped.</summary>
    private bool ColumnAllowed(TableSchema table, string name, DataType? type, ContractMode columnsMode)
    {
        var isNewColumn = !table.TryGetColumn(name, out var existing) || !existing.IsComplete;
        if (columnsMode == ContractMode.Evolve || !isNewColumn || name.StartsWith("_dlt", StringComparison.Ordinal))
        {
            return true;
        }

        return columnsMode != ContractMode.Freeze
            ? false
            : throw new SchemaContractViolationException(schema.Name, table.Name, name, SchemaContractEntity.Columns, columnsMode, type);
    }

    private void ApplyColumn(TableSchema table, string name, ColumnHint hint)
    {
        if (table.TryGetColumn(name, out var existing) && existing.IsComplete && hint.DataType is { } type && existing.DataType != type)
        {
            throw new ExtractException(
                $"Column '{name}' of table '{table.Name}' already has type {existing.DataType?.ToDltName()} in the schema; resource '{resource.Name}' declares {type.ToDltName()}. Column types never change: drop the table or use another column name.");
        }

        table.SetColumn(new ColumnSchema(name, hint.DataType ?? existing?.DataType)
        {
            Nullable = hint.Nullable && !hint.PrimaryKey,
            Precision = hint.Precision,
            Scale = hint.Scale,
            PrimaryKey = hint.PrimaryKey,
            MergeKey = hint.MergeKey,
            HardDelete = hint.HardDelete,
            DedupSort = hint.DedupSort,
        });
    }
}
