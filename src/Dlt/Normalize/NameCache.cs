using Dlt.Normalize.Naming;

namespace Dlt.Normalize;

/// <summary>Caches normalized keys and joined paths so that hot loops normalize each distinct name once.</summary>
internal sealed class NameCache(INamingConvention naming)
{
    public const string EmptyKey = "_empty";

    private readonly Dictionary<string, string> _identifiers = new(StringComparer.Ordinal);
    private readonly Dictionary<byte[], (string Identifier, string TableIdentifier)> _utf8Keys = new(Utf8KeyComparer.Instance);
    private readonly Dictionary<string, string> _tableIdentifiers = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Parent, string Key), (string FullPath, string Name)> _paths = [];

    public INamingConvention Naming => naming;

    /// <summary>A data key as a column identifier; blank keys become <c>_empty</c>.</summary>
    public string Identifier(string key)
    {
        if (!_identifiers.TryGetValue(key, out var name))
        {
            name = string.IsNullOrWhiteSpace(key) ? EmptyKey : naming.NormalizeIdentifier(key);
            _identifiers[key] = name;
        }

        return name;
    }

    /// <summary>
    /// The identifier and table identifier of a property's key, looked up by the key's raw UTF-8
    /// bytes so that the hot loop allocates no string per key.
    /// </summary>
    public (string Identifier, string TableIdentifier) Key(System.Text.Json.JsonProperty property)
    {
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(property);
        var lookup = _utf8Keys.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (!lookup.TryGetValue(raw, out var names))
        {
            var key = property.Name;
            names = (Identifier(key), TableIdentifier(key));
            lookup[raw] = names;
        }

        return names;
    }

    /// <summary>A data key that names a child table fragment.</summary>
    public string TableIdentifier(string key)
    {
        if (!_tableIdentifiers.TryGetValue(key, out var name))
        {
            name = string.IsNullOrWhiteSpace(key) ? EmptyKey : naming.NormalizeTableIdentifier(key);
            _tableIdentifiers[key] = name;
        }

        return name;
    }

    /// <summary>Appends a normalized fragment to an unshortened path; returns the new full path and its shortened name.</summary>
    public (string FullPath, string Name) Append(string parentFullPath, string fragment)
    {
        if (parentFullPath.Length == 0)
        {
            return (fragment, fragment);
        }

        if (!_paths.TryGetValue((parentFullPath, fragment), out var result))
        {
            var full = parentFullPath + naming.PathSeparator + fragment;
            result = (full, naming.ShortenFragments(full));
            _paths[(parentFullPath, fragment)] = result;
        }

        return result;
    }
}
