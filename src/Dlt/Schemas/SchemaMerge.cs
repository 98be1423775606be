namespace Dlt.Schemas;

/// <summary>Merges a package's schema (tables and hints found at extract) into the pipeline's live schema.</summary>
internal static class SchemaMerge
{
    public static void MergeInto(Schema target, Schema source)
    {
        // The package's contracts are the ones its extract ran under, as dlt normalizes a package with the package's schema.
        target.SchemaContract = source.SchemaContract;
        foreach (var table in source.Tables)
        {
            if (!target.TryGetTable(table.Name, out var existing))
            {
                target.AddTable(table.Clone());
                continue;
            }

            if (table.Parent is null)
            {
                existing.WriteDisposition = table.WriteDisposition ?? existing.WriteDisposition;
                existing.Resource = table.Resource ?? existing.Resource;
                existing.MaxNesting = table.MaxNesting ?? existing.MaxNesting;
                existing.SchemaContract = table.SchemaContract ?? existing.SchemaContract;
                existing.EvolveColumnsOnce = table.EvolveColumnsOnce;
            }

            foreach (var column in table.Columns)
            {
                if (!existing.TryGetColumn(column.Name, out var present) || (!present.IsComplete && column.IsComplete))
                {
                    existing.SetColumn(column);
                }
            }
        }
    }
}
