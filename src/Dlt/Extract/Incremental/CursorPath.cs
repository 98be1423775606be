using System.Text;
using System.Text.Json;
using Dlt.Storage;

namespace Dlt.Extract;

/// <summary>One step of a cursor path: a field of an object, or an element of an array.</summary>
internal readonly record struct PathSegment(byte[]? FieldUtf8, int Index)
{
    public string Describe() => FieldUtf8 is null ? $"[{Index}]" : Encoding.UTF8.GetString(FieldUtf8);
}

/// <summary>
/// Cursor paths (dlt's <c>cursor_path</c>): a field name, or a simple JSON path of fields and array
/// indexes (<c>$.a.b</c>, <c>a.b</c>, <c>a[0].b</c>, <c>['odd key'].b</c>); read from an item's
/// UTF-8 JSON with a forward-only reader, without parsing the item.
/// </summary>
internal static class CursorPath
{
    public static PathSegment[] Parse(string path)
    {
        var text = path.StartsWith('$') ? path[1..] : path;
        if (!text.StartsWith('.') && !text.StartsWith('['))
        {
            text = "." + text;
        }

        var segments = new List<PathSegment>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                var end = text.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? text.Length : end;
                var name = text[(i + 1)..end];
                if (name.Length == 0 || name == "*")
                {
                    throw Invalid(path);
                }

                segments.Add(new PathSegment(Encoding.UTF8.GetBytes(name), -1));
                i = end;
            }
            else if (text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0)
                {
                    throw Invalid(path);
                }

                var inner = text[(i + 1)..close].Trim();
                if (inner.Length >= 2 && inner[0] is '\'' or '"' && inner[^1] == inner[0])
                {
                    segments.Add(new PathSegment(Encoding.UTF8.GetBytes(inner[1..^1]), -1));
                }
                else if (int.TryParse(inner, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
                {
                    segments.Add(new PathSegment(null, index));
                }
                else
                {
                    throw Invalid(path);
                }

                i = close + 1;
            }
            else
            {
                throw Invalid(path);
            }
        }

        return segments.Count > 0 ? [.. segments] : throw Invalid(path);
    }

    /// <summary>
    /// The field a cursor path names when it is a single field (<c>updated_at</c>, <c>['odd key']</c>),
    /// null for a JSON path (<c>$.updated_at</c>, <c>a.b</c>, <c>a[0]</c>), as dlt's <c>extract_simple_field_name</c>.
    /// </summary>
    public static string? SimpleFieldName(string path) =>
        !path.StartsWith('$') && Parse(path) is [{ FieldUtf8: { } field }] ? Encoding.UTF8.GetString(field) : null;

    /// <summary>
    /// Moves <paramref name="reader"/> (at the start of <paramref name="json"/>) onto the value at
    /// <paramref name="path"/>; false when a step is missing.
    /// </summary>
    public static bool TryFind(ReadOnlySpan<byte> json, PathSegment[] path, out Utf8JsonReader reader)
    {
        reader = new Utf8JsonReader(json, ItemJsonLimits.ReaderOptions);
        if (!reader.Read())
        {
            return false;
        }

        foreach (var segment in path)
        {
            if (!(segment.FieldUtf8 is { } field ? TryEnterField(ref reader, field) : TryEnterElement(ref reader, segment.Index)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryEnterField(ref Utf8JsonReader reader, byte[] field)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals(field);
            reader.Read();
            if (match)
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    private static bool TryEnterElement(ref Utf8JsonReader reader, int index)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
        {
            if (i == index)
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }

    private static ArgumentException Invalid(string path) =>
        new($"The cursor path '{path}' is not a field name or a JSON path of fields and array indexes (such as 'updated_at', '$.meta.updated_at' or 'items[0].ts'); wildcards and filters are not supported.", nameof(path));
}
