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
                existing.MergeStrategy = table.MergeStrategy;
                existing.Deduplicated = table.Deduplicated;
                existing.BoundaryTimestamp = table.BoundaryTimestamp;
            }

            foreach (var column in table.Columns)
            {
                if (!existing.TryGetColumn(column.Name, out var present) || (!present.IsComplete && column.IsComplete))
                {
                    existing.SetColumn(column);
                }
                else if (table.Parent is null && (present.MergeKey != column.MergeKey || present.HardDelete != column.HardDelete || present.DedupSort != column.DedupSort || present.PrimaryKey != column.PrimaryKey || present.Incremental != column.Incremental))
                {
                    // The hints of the latest extract win, as a changed resource hint does in dlt.
                    existing.SetColumn(present with { PrimaryKey = column.PrimaryKey, MergeKey = column.MergeKey, HardDelete = column.HardDelete, DedupSort = column.DedupSort, Incremental = column.Incremental });
                }
            }
        }
    }
}
