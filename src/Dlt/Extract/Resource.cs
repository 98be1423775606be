using Dlt.Extract;

namespace Dlt;

/// <summary>
/// A named stream of data items (objects, or pages of objects) that becomes a table.
/// Hints return a new resource; the original is left unchanged.
/// </summary>
public sealed class Resource
{
    private Resource(string name, ItemSource items, ResourceHints hints, ResourceContext? context = null)
    {
        Name = name;
        Items = items;
        Hints = hints;
        Context = context;
    }

    /// <summary>The resource name; also the table name unless a table name hint is given.</summary>
    public string Name { get; }

    internal ItemSource Items { get; }

    internal ResourceHints Hints { get; }

    /// <summary>The run this resource is bound to (its state and incremental); null before a pipeline binds it.</summary>
    internal ResourceContext? Context { get; }

    /// <summary>The incremental's filter of the bound run, if any.</summary>
    internal IItemFilter? Filter => Context?.IncrementalRun;

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

    /// <summary>
    /// Creates a resource from a function of its <see cref="ResourceContext"/> (its state and
    /// incremental cursor), called when a pipeline runs it; the function returns a synchronous
    /// sequence of items or pages.
    /// </summary>
    public static Resource Create<T>(string name, Func<ResourceContext, IEnumerable<T>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new Resource(ValidName(name), new FactoryItemSource<T>(items), new ResourceHints());
    }

    /// <summary>
    /// Creates a resource from a function of its <see cref="ResourceContext"/> (its state and
    /// incremental cursor), called when a pipeline runs it; the function returns an asynchronous
    /// sequence of items or pages.
    /// </summary>
    public static Resource Create<T>(string name, Func<ResourceContext, IAsyncEnumerable<T>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new Resource(ValidName(name), new AsyncFactoryItemSource<T>(items), new ResourceHints());
    }

    /// <summary>
    /// Loads only new rows: <paramref name="incremental"/> drops rows whose cursor is not newer than
    /// what earlier runs loaded, and keeps the newest value in the resource state. The cursor column
    /// gets dlt's <c>incremental</c> hint.
    /// </summary>
    public Resource WithIncremental<TCursor>(Incremental<TCursor> incremental)
    {
        ArgumentNullException.ThrowIfNull(incremental);
        return With(Hints with { Incremental = incremental });
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

    /// <summary>
    /// Declares the merge key columns of the root table: a merge load replaces every row whose merge
    /// key values match a row of the load (for example a day partition).
    /// </summary>
    public Resource WithMergeKey(params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return With(Hints with { MergeKey = [.. columns] });
    }

    /// <summary>
    /// Sets the merge strategy of a <see cref="WriteDisposition.Merge"/> resource (dlt's
    /// <c>write_disposition={"disposition": "merge", "strategy": ...}</c>); with
    /// <paramref name="deduplicated"/> the rows of a load are taken as free of duplicate keys and not
    /// deduplicated (dlt's <c>deduplicated</c>).
    /// </summary>
    public Resource WithMergeStrategy(MergeStrategy strategy, bool deduplicated = false) =>
        With(Hints with { MergeStrategy = strategy, Deduplicated = deduplicated });

    /// <summary>
    /// Makes a <see cref="WriteDisposition.Merge"/> resource keep every version of its rows (merge
    /// strategy scd2): new versions get validity columns, versions absent from a load are retired
    /// (with <see cref="WithMergeKey"/>, only those of merge keys present in the load).
    /// </summary>
    public Resource WithScd2(Scd2Options? options = null) =>
        With(Hints with { MergeStrategy = Dlt.MergeStrategy.Scd2, Scd2 = options ?? new Scd2Options() });

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

    /// <summary>This resource for one run with <paramref name="context"/>: a factory is called and the incremental's filter set.</summary>
    internal Resource Bind(ResourceContext context) => new(Name, Items.Bind(context), Hints, context);

    /// <summary>This resource with <paramref name="incremental"/> in place of its incremental (one configured for a run).</summary>
    internal Resource WithIncrementalDefinition(IncrementalDefinition incremental) => With(Hints with { Incremental = incremental });

    private Resource With(ResourceHints hints) => new(Name, Items, hints, Context);

    private static string ValidName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return name;
    }
}
