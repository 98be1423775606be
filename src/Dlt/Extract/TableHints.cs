using Dlt.Schemas;

namespace Dlt.Extract;

/// <summary>Puts a resource's hints (write disposition, primary key, columns, nesting) on the tables it writes.</summary>
internal sealed class TableHints(Schema schema, Resource resource)
{
    public void Apply(string tableName)
    {
        var hints = resource.Hints;
        if (!schema.TryGetTable(tableName, out var table))
        {
            table = new TableSchema(tableName);
            schema.AddTable(table);
        }

        table.WriteDisposition = hints.WriteDisposition;
        table.Resource = resource.Name;
        if (hints.MaxTableNesting is { } maxNesting)
        {
            table.MaxNesting = maxNesting;
        }

        foreach (var hint in hints.Columns)
        {
            ApplyColumn(table, hint);
        }

        foreach (var key in hints.PrimaryKey)
        {
            var name = schema.Naming.NormalizePath(key);
            var existing = table.TryGetColumn(name, out var column) ? column : new ColumnSchema(name, null);
            table.SetColumn(existing with { PrimaryKey = true, Nullable = false });
        }
    }

    private void ApplyColumn(TableSchema table, ColumnHint hint)
    {
        var name = schema.Naming.NormalizePath(hint.Name);
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
        });
    }
}
