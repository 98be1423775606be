namespace Dlt;

/// <summary>A named group of resources that share one schema.</summary>
public sealed class Source
{
    private Source(string name, IReadOnlyList<Resource> resources)
    {
        Name = name;
        Resources = resources;
    }

    /// <summary>The source name; it also names the schema.</summary>
    public string Name { get; }

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

        return new Source(name, resources);
    }
}
