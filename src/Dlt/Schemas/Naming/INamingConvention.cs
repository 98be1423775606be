namespace Dlt.Schemas.Naming;

/// <summary>Turns names found in data into destination identifiers (tables, columns, paths).</summary>
public interface INamingConvention
{
    /// <summary>The longest identifier the destination accepts; <see langword="null"/> when unlimited.</summary>
    int? MaxLength { get; }

    /// <summary>The separator that joins path fragments: <c>__</c>.</summary>
    string PathSeparator { get; }

    /// <summary>Normalizes one identifier (a key of a data item, a column name) and shortens it when too long.</summary>
    string NormalizeIdentifier(string identifier);

    /// <summary>Normalizes a table name; same as <see cref="NormalizeIdentifier"/> for snake_case.</summary>
    string NormalizeTableIdentifier(string identifier);

    /// <summary>Splits a path on the separator, normalizes each fragment, joins them and shortens the result.</summary>
    string NormalizePath(string path);

    /// <summary>Joins already normalized fragments with the separator and shortens the result when too long.</summary>
    string ShortenFragments(params ReadOnlySpan<string> normalizedFragments);
}
