using System.Runtime.CompilerServices;
using Dlt.Schemas.Naming;
using Dlt.Storage;

namespace Dlt.Normalize;

/// <summary>Caches normalized keys and joined paths so that hot loops normalize each distinct name once.</summary>
internal sealed class NameCache(INamingConvention naming)
{
    public const string EmptyKey = "_empty";

    private readonly Dictionary<string, string> _identifiers = new(StringComparer.Ordinal);
    private readonly Utf8KeyTable<KeyName> _utf8Keys = new();
    private readonly Dictionary<string, KeyName> _keysByIdentifier = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _tableIdentifiers = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Parent, string Key), (string FullPath, string Name)> _paths = [];

    public INamingConvention Naming => naming;

    /// <summary>
    /// A data key as a path of column identifiers, as dlt's <c>_flatten</c> names it with
    /// <c>normalize_path</c>: <c>__</c> inside a key separates fragments, each normalized on its own, so
    /// <c>a__b</c> names the same column as <c>{"a": {"b": ...}}</c>. Blank keys become <c>_empty</c>; a key
    /// of only separators (<c>__</c>) gives an empty path, which <see cref="Append(string, string)"/> drops.
    /// </summary>
    public string Identifier(string key)
    {
        if (!_identifiers.TryGetValue(key, out var name))
        {
            name = string.IsNullOrWhiteSpace(key) ? EmptyKey : naming.NormalizePath(key);
            _identifiers[key] = name;
        }

        return name;
    }

    /// <summary>
    /// The names of a property's key, looked up by the key's raw UTF-8 bytes so that the hot loop
    /// allocates no string per key. Whether the key may collide with another one is decided here,
    /// once per distinct key, so rows with ordinary keys pay nothing for the rule.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public KeyName Key(JsonTapeProperty property)
    {
        var raw = property.RawName;
        if (!_utf8Keys.TryGetValue(raw, out var names))
        {
            var key = property.Name;
            var identifier = Identifier(key);

            // A key split on "__" (or left empty) can name the same column as a nested path.
            names = new KeyName(raw.ToArray(), identifier, TableIdentifier(key))
            {
                MayCollide = identifier.Length == 0 || identifier.Contains(naming.PathSeparator, StringComparison.Ordinal),
            };
            if (_keysByIdentifier.TryGetValue(identifier, out var first))
            {
                // Two distinct keys normalize to one name (Items / items): both may collide.
                first.MayCollide = true;
                names.MayCollide = true;
            }
            else
            {
                _keysByIdentifier[identifier] = names;
            }

            _utf8Keys.Add(raw, names);
        }

        return names;
    }

    /// <summary>
    /// <see cref="Key(JsonTapeProperty)"/>, first trying <paramref name="expected"/>, the key met at the same
    /// place of the table's last row (rows of a table mostly repeat their keys in order): a byte
    /// comparison instead of a hash lookup. <paramref name="expected"/> then holds this key.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public KeyName Key(JsonTapeProperty property, ref KeyName? expected)
    {
        if (expected is { } last && Utf8Bytes.Equal(last.Raw, property.RawName))
        {
            return last;
        }

        return expected = Key(property);
    }

    /// <summary>
    /// A data key that names a child table fragment, split on <c>__</c> as dlt's <c>normalize_tables_path</c>
    /// does. A key that leaves no fragment (blank, or only separators) becomes <c>_empty</c>: dlt would write
    /// that list's rows into the parent table (docs/divergences.md).
    /// </summary>
    public string TableIdentifier(string key)
    {
        if (!_tableIdentifiers.TryGetValue(key, out var name))
        {
            name = string.IsNullOrWhiteSpace(key) ? EmptyKey : naming.NormalizePath(key);
            if (name.Length == 0)
            {
                name = EmptyKey;
            }

            _tableIdentifiers[key] = name;
        }

        return name;
    }

    /// <summary>
    /// <see cref="Append(string, string)"/> of a key's identifier, remembered on the key for its last
    /// parent path, so that a nested key met under the same parent row after row joins no strings
    /// and hashes none.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (string FullPath, string Name) Append(string parentFullPath, KeyName key)
    {
        if (!ReferenceEquals(parentFullPath, key.LastParent))
        {
            key.LastJoined = Append(parentFullPath, key.Identifier);
            key.LastParent = parentFullPath;
        }

        return key.LastJoined;
    }

    /// <summary>Appends a normalized fragment to an unshortened path; returns the new full path and its shortened name.</summary>
    /// <remarks>An empty fragment is dropped, as dlt's <c>make_path</c> drops it.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (string FullPath, string Name) Append(string parentFullPath, string fragment)
    {
        if (parentFullPath.Length == 0)
        {
            return (fragment, fragment);
        }

        if (fragment.Length == 0)
        {
            return (parentFullPath, naming.ShortenFragments(parentFullPath));
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

/// <summary>A data key's column path and child table fragment, and whether another key may end up with the same name.</summary>
internal sealed class KeyName(byte[] raw, string identifier, string tableIdentifier)
{
    /// <summary>The key as it is written in JSON (without quotes).</summary>
    public byte[] Raw { get; } = raw;

    public string Identifier { get; } = identifier;

    public string TableIdentifier { get; } = tableIdentifier;

    /// <summary>True once another key normalized to the same name, or when the key holds a path separator.</summary>
    public bool MayCollide { get; set; }

    /// <summary>The parent path of the last <see cref="NameCache.Append(string, KeyName)"/>, compared by reference.</summary>
    public string? LastParent { get; set; }

    /// <summary>What that <see cref="NameCache.Append(string, KeyName)"/> gave.</summary>
    public (string FullPath, string Name) LastJoined { get; set; }
}
