using Dlt.Extract;

namespace Dlt;

/// <summary>
/// A named stream of data items (objects, or pages of objects) that becomes a table.
/// Hints return a new resource; the original is left unchanged.
/// </summary>
public sealed class Resource
{
    private Resource(string name, ItemSource items, ResourceHints hints)
    {
        Name = name;
        Items = items;
        Hints = hints;
    }

    /// <summary>The resource name; also the table name unless a table name hint is given.</summary>
    public string Name { get; }

    internal ItemSource Items { get; }

    internal ResourceHints Hints { get; }

    /// <summary>Creates a resource over a synchronous sequence of items or pages (a yielded collection is a page).</summary>
    public static Resource Create<T>(string name, IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new Resource(ValidName(name), new EnumerableItemSource<T>(items), new ResourceHints());
    }

    /// <summary>Creates a resource over an asynchronous sequence of items or pages (a yielded collection is a page).</summary>
    public static Resource Create<T>(string name, IAsyncEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new Resource(ValidName(name), new AsyncEnumerableItemSource<T>(items), new ResourceHints());
    }

    /// <summary>Loads the items into <paramref name="tableName"/> instead of a table named after the resource.</summary>
    public Resource WithTableName(string tableName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        return With(Hints with { TableName = tableName, TableNameOfItem = null });
    }

    /// <summary>Picks the table of every item with <paramref name="tableNameOfItem"/>.</summary>
    public Resource WithTableName<T>(Func<T, string> tableNameOfItem)
    {
        ArgumentNullException.ThrowIfNull(tableNameOfItem);
        return With(Hints with { TableName = null, TableNameOfItem = item => tableNameOfItem((T)item) });
    }

    /// <summary>Sets how rows reach the table: append (the default), replace or merge.</summary>
    public Resource WithWriteDisposition(WriteDisposition writeDisposition) =>
        With(Hints with { WriteDisposition = writeDisposition });

    /// <summary>Declares the primary key columns of the root table.</summary>
    public Resource WithPrimaryKey(params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return With(Hints with { PrimaryKey = [.. columns] });
    }

    /// <summary>Declares columns with explicit types and hints; inference fills in the rest.</summary>
    public Resource WithColumns(params ColumnHint[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return With(Hints with { Columns = [.. columns] });
    }

    /// <summary>Limits how deep nested objects and lists become columns and child tables; deeper values are stored as JSON.</summary>
    public Resource WithMaxTableNesting(int maxTableNesting)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxTableNesting);
        return With(Hints with { MaxTableNesting = maxTableNesting });
    }

    /// <summary>
    /// Sets the schema contract of the resource's tables and their nested tables: what happens when
    /// the data would add a table, a column or a variant column. A run-level contract overrides it.
    /// </summary>
    public Resource WithSchemaContract(SchemaContract schemaContract)
    {
        ArgumentNullException.ThrowIfNull(schemaContract);
        return With(Hints with { SchemaContract = schemaContract });
    }

    /// <summary>
    /// Drains this synchronous resource on one of the extract stage's worker threads
    /// (<c>extract.workers</c>), beside the other resources, instead of on the pipeline's own thread.
    /// Use it for resources that block on I/O.
    /// </summary>
    public Resource Parallelized() => With(Hints with { Parallelized = true });

    private Resource With(ResourceHints hints) => new(Name, Items, hints);

    private static string ValidName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return name;
    }
}
