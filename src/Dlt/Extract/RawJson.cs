namespace Dlt;

/// <summary>
/// An item that is already UTF-8 JSON (for example a line of a JSON lines file or an HTTP response
/// body): the extract stage writes its bytes as they are, without parsing them into objects.
/// </summary>
/// <param name="Utf8">The UTF-8 text of one JSON object.</param>
public readonly record struct RawJson(ReadOnlyMemory<byte> Utf8)
{
    /// <summary>Wraps the UTF-8 bytes of <paramref name="json"/>.</summary>
    public static RawJson FromString(string json) => new(System.Text.Encoding.UTF8.GetBytes(json));
}
