using System.Text.Json;

namespace Dlt.Rest;

/// <summary>
/// A dotted path into a JSON document, the subset of JSONPath that dlt's REST helpers use for
/// selectors, totals and cursors: <c>$</c> (the whole document), <c>a.b</c> or <c>$.a.b</c>
/// (nested properties); a trailing <c>[*]</c> selects the same list as the path without it.
/// </summary>
internal sealed class JsonPath
{
    private readonly string[] _keys;

    private JsonPath(string text, string[] keys)
    {
        Text = text;
        _keys = keys;
    }

    /// <summary>The whole document.</summary>
    public static JsonPath Root { get; } = new("$", []);

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>Parses a dotted path.</summary>
    /// <exception cref="ArgumentException">The path is empty or uses JSONPath that is not supported (filters, indexes, wildcards inside).</exception>
    public static JsonPath Parse(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var body = path.Trim();
        if (body.EndsWith("[*]", StringComparison.Ordinal))
        {
            body = body[..^3];
        }

        if (body == "$")
        {
            return new JsonPath(path, []);
        }

        if (body.StartsWith("$.", StringComparison.Ordinal))
        {
            body = body[2..];
        }

        var keys = body.Split('.');
        if (keys.Any(k => k.Length == 0 || k.IndexOfAny(['[', ']', '*', '$', '?', '@']) >= 0))
        {
            throw new ArgumentException($"'{path}' is not a supported JSON path: use '$', 'a.b' or '$.a.b' (property names joined by dots).", nameof(path));
        }

        return new JsonPath(path, keys);
    }

    /// <summary>The path made of <paramref name="keys"/> (as detected in a response).</summary>
    public static JsonPath FromKeys(IReadOnlyList<string> keys) => keys.Count == 0 ? Root : new JsonPath(string.Join('.', keys), [.. keys]);

    /// <summary>The value at this path; false when a key is missing or a step is not an object.</summary>
    public bool TryFind(JsonElement root, out JsonElement value)
    {
        value = root;
        if (root.ValueKind == JsonValueKind.Undefined)
        {
            return false;
        }

        foreach (var key in _keys)
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(key, out value))
            {
                value = default;
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
