using Dlt.Schemas.Naming;

namespace Dlt.Schemas;

/// <summary>
/// The tables and columns of one source, in dlt's layout: data tables in the order they were first
/// seen, plus dlt's system tables. Versioned by a content hash.
/// </summary>
internal sealed class Schema
{
    public const int EngineVersion = 11;
    public const string LoadsTable = "_dlt_loads";
    public const string VersionTable = "_dlt_version";
    public const string PipelineStateTable = "_dlt_pipeline_state";
    public const string LoadIdColumn = "_dlt_load_id";
    public const string IdColumn = "_dlt_id";
    public const string ParentIdColumn = "_dlt_parent_id";
    public const string RootIdColumn = "_dlt_root_id";
    public const string ListIndexColumn = "_dlt_list_idx";

    private readonly List<TableSchema> _tables = [];
    private readonly Dictionary<string, TableSchema> _tableIndex = new(StringComparer.Ordinal);

    public Schema(string name, INamingConvention naming)
    {
        Name = name;
        Naming = naming;
    }

    public string Name { get; }

    public INamingConvention Naming { get; }

    public int Version { get; set; }

    public string VersionHash { get; set; } = "";

    public IReadOnlyList<TableSchema> Tables => _tables;

    /// <summary>dlt's <c>settings.schema_contract</c>: the contract of tables that have none of their own (set by the source or the run).</summary>
    public SchemaContract? SchemaContract { get; set; }

    /// <summary>Creates a schema holding dlt's <c>_dlt_version</c> and <c>_dlt_loads</c> tables.</summary>
    public static Schema CreateNew(string name, INamingConvention naming)
    {
        var schema = new Schema(name, naming);
        schema.AddTable(SystemTables.Version());
        schema.AddTable(SystemTables.Loads());
        return schema;
    }

    public bool TryGetTable(string name, out TableSchema table) => _tableIndex.TryGetValue(name, out table!);

    public TableSchema GetTable(string name) =>
        _tableIndex.TryGetValue(name, out var table)
            ? table
            : throw new KeyNotFoundException($"Table '{name}' is not in schema '{Name}'.");

    public void AddTable(TableSchema table)
    {
        if (!_tableIndex.TryAdd(table.Name, table))
        {
            throw new InvalidOperationException($"Table '{table.Name}' is already in schema '{Name}'.");
        }

        _tables.Add(table);
    }

    /// <summary>Removes <paramref name="names"/> from the schema (a drop or a refresh).</summary>
    public void RemoveTables(IReadOnlyCollection<string> names)
    {
        _tables.RemoveAll(t => names.Contains(t.Name));
        foreach (var name in names)
        {
            _tableIndex.Remove(name);
        }
    }

    /// <summary>The root table of <paramref name="table"/> (itself when it is a root table).</summary>
    public TableSchema RootOf(TableSchema table)
    {
        var current = table;
        while (current.Parent is not null)
        {
            current = GetTable(current.Parent);
        }

        return current;
    }

    /// <summary>
    /// The contract of <paramref name="table"/>: its own, else the nearest one up its parent chain,
    /// else the schema's, with unset entities evolving. dlt's own tables always evolve.
    /// </summary>
    public ResolvedContract ContractFor(TableSchema table)
    {
        if (table.Name.StartsWith("_dlt", StringComparison.Ordinal))
        {
            return ResolvedContract.Evolve;
        }

        for (var current = table; ; current = GetTable(current.Parent))
        {
            if (current.SchemaContract is { } own)
            {
                return own.Expand();
            }

            if (current.Parent is null)
            {
                return SchemaContract?.Expand() ?? ResolvedContract.Evolve;
            }
        }
    }

    public Schema Clone()
    {
        var clone = new Schema(Name, Naming) { Version = Version, VersionHash = VersionHash, SchemaContract = SchemaContract };
        foreach (var table in _tables)
        {
            clone.AddTable(table.Clone());
        }

        return clone;
    }

    /// <summary>Recomputes the content hash and bumps the version when the content changed.</summary>
    public bool BumpVersion()
    {
        var hash = SchemaJson.ComputeHash(this);
        if (hash == VersionHash)
        {
            return false;
        }

        VersionHash = hash;
        Version++;
        return true;
    }
}
