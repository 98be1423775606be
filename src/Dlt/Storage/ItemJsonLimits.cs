namespace Dlt.Storage;

/// <summary>
/// Limits that every reader and writer of items (extract serialization, raw JSON validation, the
/// extract files' writer and reader, the normalizer) shares, so that an item one stage accepts the
/// next one reads back.
/// </summary>
internal static class ItemJsonLimits
{
    /// <summary>
    /// The deepest nesting of objects and arrays in an item: dlt's default <c>max_table_nesting</c>
    /// (1000), and Utf8JsonWriter's own default. System.Text.Json readers and the serializer default
    /// to 64, which real documents exceed; orjson, which dlt uses, stops at 255 when writing
    /// (docs/divergences.md).
    /// </summary>
    public const int MaxDepth = 1000;

    /// <summary>Options for parsing an item.</summary>
    public static readonly System.Text.Json.JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };

    /// <summary>Options for reading an item token by token.</summary>
    public static readonly System.Text.Json.JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };
}
