using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Dlt.Rest;

/// <summary>
/// Cuts the selected records out of a response body as <see cref="RawJson"/> slices of the body's
/// own bytes: the document was parsed in place, so each element's raw text lies inside the body and
/// the extract stage writes it through without serializing it again.
/// </summary>
internal static class PageItems
{
    /// <summary>
    /// The records at <paramref name="selector"/>: the elements of a list, one record for any other
    /// value, none for null or a missing path (dlt's rules).
    /// </summary>
    /// <param name="body">The bytes that <paramref name="root"/> was parsed from, in place.</param>
    /// <param name="root">The parsed body; undefined for an empty body.</param>
    /// <param name="selector">Where the records are.</param>
    public static RawJson[] Select(byte[] body, JsonElement root, JsonPath selector)
    {
        if (!selector.TryFind(root, out var selected))
        {
            return [];
        }

        switch (selected.ValueKind)
        {
            case JsonValueKind.Null:
                return [];
            case JsonValueKind.Array:
                var items = new RawJson[selected.GetArrayLength()];
                var index = 0;
                foreach (var element in selected.EnumerateArray())
                {
                    items[index++] = Slice(body, element);
                }

                return items;
            default:
                return [Slice(body, selected)];
        }
    }

    private static RawJson Slice(byte[] body, JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        var offset = (int)Unsafe.ByteOffset(ref MemoryMarshal.GetArrayDataReference(body), ref MemoryMarshal.GetReference(raw));
        return new RawJson(body.AsMemory(offset, raw.Length));
    }
}
