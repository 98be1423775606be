namespace Dlt.Configuration;

/// <summary>
/// The candidate sections of a lookup, most specific first. A resource <c>R</c> of source <c>N</c>
/// whose section is <c>S</c> (<see cref="Source.Section"/>, the source name unless set) is looked up in
/// <c>sources.S.N.resources.R</c> (only when S differs from N), <c>sources.N.resources.R</c>,
/// <c>sources.S.R</c> (dlt's resource layout), then the source's sections <c>sources.S.N</c>,
/// <c>sources.S</c>, <c>sources.N</c> (dlt's compact layout, only when S differs from N), <c>sources</c>,
/// and last the top level.
/// </summary>
internal static class ConfigSections
{
    public const string Sources = "sources";
    public const string Resources = "resources";
    public const string Extract = "extract";
    public const string Normalize = "normalize";
    public const string Load = "load";
    public const string DataWriter = "data_writer";
    public const string Runtime = "runtime";
    public const string Destination = "destination";

    /// <summary>The top level only.</summary>
    public static IReadOnlyList<string[]> TopLevel { get; } = [[]];

    /// <summary><c>[normalize.data_writer]</c>, then <c>[data_writer]</c>.</summary>
    public static IReadOnlyList<string[]> NormalizeDataWriter { get; } = [[Normalize, DataWriter], [DataWriter]];

    /// <summary>One section at the top level, such as <c>[load]</c>.</summary>
    public static IReadOnlyList<string[]> Named(string section) => [[section]];

    /// <summary>The scopes of a resource (or, when <paramref name="resourceName"/> is null, of a source), ending with the top level.</summary>
    public static IReadOnlyList<string[]> Scopes(string sourceSection, string sourceName, string? resourceName)
    {
        var compact = sourceSection != sourceName;
        var scopes = new List<string[]>();
        if (resourceName is not null)
        {
            if (compact)
            {
                scopes.Add([Sources, sourceSection, sourceName, Resources, resourceName]);
            }

            scopes.Add([Sources, sourceName, Resources, resourceName]);
            scopes.Add([Sources, sourceSection, resourceName]);
        }

        scopes.Add([Sources, sourceSection, sourceName]);
        scopes.Add([Sources, sourceSection]);
        if (compact)
        {
            scopes.Add([Sources, sourceName]);
        }

        scopes.Add([Sources]);
        scopes.Add([]);
        return scopes;
    }

    /// <summary>The <c>extract</c> section in every scope: per resource, per source, then <c>[extract]</c>.</summary>
    public static IReadOnlyList<string[]> ExtractOf(string sourceSection, string sourceName, string? resourceName) =>
        [.. Scopes(sourceSection, sourceName, resourceName).Select(s => (string[])[.. s, Extract])];

    /// <summary>
    /// The writer sections of the extract stage: <c>data_writer</c> in every source scope (per resource,
    /// per source, <c>[sources.data_writer]</c>), then <c>[extract.data_writer]</c>, then <c>[data_writer]</c>.
    /// </summary>
    public static IReadOnlyList<string[]> ExtractDataWriterOf(string sourceSection, string sourceName, string? resourceName) =>
    [
        .. Scopes(sourceSection, sourceName, resourceName).Where(s => s.Length > 0).Select(s => (string[])[.. s, DataWriter]),
        [Extract, DataWriter],
        [DataWriter],
    ];

    /// <summary>
    /// The sections of the configuration of a resource's incremental: <paramref name="incrementalSection"/>
    /// in every scope of the resource, as dlt looks up the incremental argument of a resource function
    /// (<c>sources.&lt;section&gt;.&lt;resource&gt;.&lt;argument&gt;</c>, down to <c>&lt;argument&gt;</c> at the top level).
    /// </summary>
    public static IReadOnlyList<string[]> IncrementalOf(string sourceSection, string sourceName, string resourceName, string incrementalSection) =>
        [.. Scopes(sourceSection, sourceName, resourceName).Select(s => (string[])[.. s, incrementalSection])];

    /// <summary>dlt's walk over explicit sections: <c>a.b.c</c>, <c>a.b</c>, <c>a</c>, then the top level.</summary>
    public static IReadOnlyList<string[]> Walk(IReadOnlyList<string> sections)
    {
        var walk = new List<string[]>();
        for (var length = sections.Count; length >= 0; length--)
        {
            walk.Add([.. sections.Take(length)]);
        }

        return walk;
    }

    /// <summary><c>destination.&lt;name&gt;</c>, then <c>destination</c>.</summary>
    public static IReadOnlyList<string[]> DestinationOf(string destinationName) => [[Destination, destinationName], [Destination]];

    /// <summary><c>destination.&lt;name&gt;.credentials</c>, <c>destination.credentials</c>, then <c>credentials</c> (dlt never drops it).</summary>
    public static IReadOnlyList<string[]> CredentialsOf(string destinationName) =>
        [[Destination, destinationName, "credentials"], [Destination, "credentials"], ["credentials"]];
}
