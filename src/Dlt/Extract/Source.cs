namespace Dlt;

/// <summary>A named group of resources that share one schema.</summary>
public sealed class Source
{
    private Source(string name, string section, IReadOnlyList<Resource> resources, SchemaContract? schemaContract = null)
    {
        Name = name;
        Section = section;
        Resources = resources;
        SchemaContract = schemaContract;
    }

    /// <summary>The source name; it also names the schema.</summary>
    public string Name { get; }

    /// <summary>
    /// The configuration section of the source: its keys are looked up in
    /// <c>sources.&lt;section&gt;.&lt;name&gt;</c>, <c>sources.&lt;section&gt;</c>, then <c>sources.&lt;name&gt;</c>
    /// (dlt's module-named layout). Defaults to <see cref="Name"/>.
    /// </summary>
    public string Section { get; }

    /// <summary>
    /// The schema contract of the source's schema (dlt's <c>settings.schema_contract</c>): it applies
    /// to every table whose resource sets none; null lets everything evolve.
    /// </summary>
    public SchemaContract? SchemaContract { get; }

    /// <summary>The resources of the source, in the order they were given.</summary>
    public IReadOnlyList<Resource> Resources { get; }

    /// <summary>Creates a source from resources with distinct names.</summary>
    public static Source Create(string name, params Resource[] resources)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(resources);
        var duplicate = resources.GroupBy(r => r.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Source '{name}' has two resources named '{duplicate.Key}'. Give each resource its own name.", nameof(resources));
        }

        return new Source(name, name, resources);
    }

    /// <summary>Looks the source's configuration up under <paramref name="section"/> (dlt's module name, such as <c>github</c> for <c>sources.github.&lt;name&gt;</c>).</summary>
    public Source WithSection(string section)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(section);
        return new Source(Name, section, Resources, SchemaContract);
    }

    /// <summary>Sets the schema contract of the source's schema; a resource's own contract and a run-level one win over it.</summary>
    public Source WithSchemaContract(SchemaContract schemaContract)
    {
        ArgumentNullException.ThrowIfNull(schemaContract);
        return new Source(Name, Section, Resources, schemaContract);
    }
}
