using System.Text.Json;

namespace Dlt.Rest;

/// <summary>
/// dlt's guess of the paginator from the first response, first match wins: a <c>Link</c> header
/// with <c>rel="next"</c>; a key starting with <c>next</c> (or its <c>href</c>/<c>url</c>) holding
/// a URL (starting with <c>http</c> or <c>/</c>); a <c>total_pages</c>, <c>pages</c> or
/// <c>totalpages</c> key holding an integer; a <c>next</c> key holding any other scalar (a
/// cursor); otherwise a single page.
/// </summary>
internal static class PaginatorDetector
{
    private static readonly string[] s_totalPagesKeys = ["total_pages", "pages", "totalpages"];

    public static Paginator Detect(HttpResponseMessage response, JsonElement body)
    {
        if (LinkHeader.Find(response, "next") is not null)
        {
            return new HeaderLinkPaginator();
        }

        var next = FindNext(body, []);
        if (next is { Value.ValueKind: JsonValueKind.String } link && link.Value.GetString() is { } url && (url.StartsWith("http", StringComparison.Ordinal) || url.StartsWith('/')))
        {
            return new JsonLinkPaginator(string.Join('.', link.Keys));
        }

        if (FindTotalPages(body, []) is { } totalPages && JsonScalar.TryInteger(totalPages.Value, out _))
        {
            return new PageNumberPaginator(totalPath: string.Join('.', totalPages.Keys));
        }

        if (next is { } cursor)
        {
            return new JsonResponseCursorPaginator(cursorPath: string.Join('.', cursor.Keys));
        }

        return new SinglePagePaginator();
    }

    /// <summary>The first key (depth first) starting with <c>next</c> with a scalar value, or the scalar <c>href</c>/<c>url</c> of such a key's object.</summary>
    private static (string[] Keys, JsonElement Value)? FindNext(JsonElement node, string[] path)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in node.EnumerateObject())
        {
            string[] keys = [.. path, property.Name];
            if (property.Name.StartsWith("next", StringComparison.OrdinalIgnoreCase))
            {
                if (property.Value.ValueKind == JsonValueKind.Object)
                {
                    foreach (var inner in property.Value.EnumerateObject())
                    {
                        if ((inner.Name.StartsWith("href", StringComparison.OrdinalIgnoreCase) || inner.Name.StartsWith("url", StringComparison.OrdinalIgnoreCase)) && IsScalar(inner.Value))
                        {
                            return ([.. keys, inner.Name], inner.Value);
                        }
                    }
                }
                else if (IsScalar(property.Value))
                {
                    return (keys, property.Value);
                }
            }

            if (FindNext(property.Value, keys) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>The first key (depth first) named like a total page count with a scalar value.</summary>
    private static (string[] Keys, JsonElement Value)? FindTotalPages(JsonElement node, string[] path)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in node.EnumerateObject())
        {
            string[] keys = [.. path, property.Name];
            if (s_totalPagesKeys.Contains(property.Name, StringComparer.OrdinalIgnoreCase) && IsScalar(property.Value))
            {
                return (keys, property.Value);
            }

            if (FindTotalPages(property.Value, keys) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private static bool IsScalar(JsonElement value) => value.ValueKind is JsonValueKind.String or JsonValueKind.Number;
}
