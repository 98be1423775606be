namespace Dlt.Configuration;

/// <summary>
/// The configuration scope of the code running now: the pipeline's resolver and the sections of the
/// resource being extracted. The extractor sets it around each resource, so that
/// <see cref="Config.Get{T}(string)"/> inside a resource walks that resource's sections.
/// </summary>
internal sealed class ConfigScope
{
    private static readonly AsyncLocal<ConfigScope?> s_current = new();

    private ConfigScope(ConfigResolver resolver, IReadOnlyList<string[]> sections)
    {
        Resolver = resolver;
        Sections = sections;
    }

    public static ConfigScope? Current => s_current.Value;

    public ConfigResolver Resolver { get; }

    /// <summary>The candidate sections, most specific first, ending with the top level.</summary>
    public IReadOnlyList<string[]> Sections { get; }

    /// <summary>Enters the scope of a resource until the returned object is disposed.</summary>
    public static IDisposable EnterResource(ConfigResolver resolver, string sourceSection, string sourceName, string resourceName) =>
        Enter(new ConfigScope(resolver, ConfigSections.Scopes(sourceSection, sourceName, resourceName)));

    /// <summary>Enters a scope with explicit sections (tests, hosts).</summary>
    public static IDisposable Enter(ConfigResolver resolver, IReadOnlyList<string[]> sections) => Enter(new ConfigScope(resolver, sections));

    private static Restore Enter(ConfigScope scope)
    {
        var previous = s_current.Value;
        s_current.Value = scope;
        return new Restore(previous);
    }

    private sealed class Restore(ConfigScope? previous) : IDisposable
    {
        public void Dispose() => s_current.Value = previous;
    }
}
