using System.Buffers;
using System.Collections;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dlt.Storage;

namespace Dlt.Extract;

/// <summary>
/// Turns the items (and pages) of one resource into JSON lines chunks, on the thread that drains
/// the resource: an item is fully written before its generator resumes (so items that borrow
/// state, such as a <see cref="JsonElement"/> of a disposed document, are safe), and serialization
/// runs in parallel across resources. Not thread-safe: one per producer.
/// </summary>
internal sealed class ItemSerializer
{
    private const int ChunkMaxBytes = 256 * 1024;

    private static readonly ConcurrentDictionary<Type, bool> s_isPageType = new();

    private readonly Resource _resource;
    private readonly int _resourceIndex;
    private readonly int _chunkMaxItems;
    private readonly JsonSerializerOptions _options;
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly Utf8JsonWriter _json;
    private readonly Queue<SerializedChunk> _ready = new();
    private readonly IItemFilter? _filter;
    private readonly ArrayBufferWriter<byte> _filtered = new(1024);
    private readonly JsonTape _tape = new();
    private string? _table;
    private int _count;
    private long _index;

    /// <param name="resource">The resource whose items are serialized.</param>
    /// <param name="resourceIndex">Its position in the run, carried by the chunks.</param>
    /// <param name="chunkMaxItems">Items per chunk at most (no more than the writer's buffer and file limits, so rotation stays exact).</param>
    /// <param name="options">The extract serializer settings (typed-value markers).</param>
    public ItemSerializer(Resource resource, int resourceIndex, int chunkMaxItems, JsonSerializerOptions options)
    {
        _resource = resource;
        _resourceIndex = resourceIndex;
        _chunkMaxItems = chunkMaxItems;
        _options = options;
        _filter = resource.Filter;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = ItemJsonLimits.MaxDepth });
    }

    /// <summary>Serializes an item, or every item of a page.</summary>
    public void Add(object? item)
    {
        switch (item)
        {
            case null:
                return;
            case JsonElement { ValueKind: JsonValueKind.Array } page:
                foreach (var element in page.EnumerateArray())
                {
                    if (Stopped)
                    {
                        return;
                    }

                    AddItem(element);
                }

                return;
            case JsonArray page:
                foreach (var element in page)
                {
                    if (Stopped)
                    {
                        return;
                    }

                    AddItem(element);
                }

                return;
            case IEnumerable<RawJson> rawPage:
                foreach (var raw in rawPage)
                {
                    if (Stopped)
                    {
                        return;
                    }

                    AddRaw(raw);
                }

                return;
            case IEnumerable page when IsPage(item.GetType()):
                foreach (var element in page)
                {
                    if (Stopped)
                    {
                        return;
                    }

                    AddItem(element);
                }

                return;
            default:
                AddItem(item);
                return;
        }
    }

    /// <summary>Whether the resource's filter has seen the end of the range (a known row order): the resource is not read further.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Chunks that are full (or all of them after <see cref="Complete"/>).</summary>
    public bool TryTake(out SerializedChunk chunk) => _ready.TryDequeue(out chunk!);

    /// <summary>Closes the chunk being filled.</summary>
    public void Complete() => Cut();

    /// <summary>Gives back the rented buffers of chunks nobody took (after a failure).</summary>
    public void ReturnUntaken()
    {
        while (_ready.TryDequeue(out var chunk))
        {
            chunk.Return();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddItem(object? item)
    {
        switch (item)
        {
            case null:
                _index++;
                return;
            case RawJson raw:
                AddRaw(raw);
                return;
            default:
                Write(TableOf(item), item, default);
                return;
        }
    }

    /// <summary>Adds a raw JSON item; the items of a page of <see cref="RawJson"/> values come here unboxed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddRaw(RawJson raw) => Write(TableOf(raw), item: null, raw.Utf8.Span);

    /// <summary>The item's table: a value type is boxed only when the resource names a table per item.</summary>
    private string TableOf<T>(T item) where T : notnull =>
        _resource.Hints.TableNameOfItem is { } tableNameOf ? tableNameOf(item) : _resource.Hints.TableName ?? _resource.Name;

    /// <summary>Writes one item into the chunk of <paramref name="table"/>: <paramref name="item"/> serialized, or, when it is null, the raw JSON <paramref name="raw"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Write(string table, object? item, ReadOnlySpan<byte> raw)
    {
        if (_table is not null && table != _table)
        {
            Cut();
        }

        _table = table;
        var target = _filter is null ? _buffer : _filtered;
        var start = target.WrittenCount;
        _json.Reset(target);
        try
        {
            if (item is null)
            {
                WriteRaw(raw);
            }
            else
            {
                JsonSerializer.Serialize(_json, item, item.GetType(), _options);
            }

            _json.Flush();
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new ExtractException(
                $"Item {_index} of resource '{_resource.Name}' ({item?.GetType().Name ?? nameof(RawJson)}) cannot be serialized to JSON: {MessageText.Sentence(ex.Message)} Yield objects whose properties are JSON-serializable.", ex);
        }

        var written = target.WrittenSpan[start..];
        if (written.IsEmpty || written[0] != (byte)'{')
        {
            throw new ExtractException(
                $"Item {_index} of resource '{_resource.Name}' is a {DescribeJson(written)}, not an object. Yield objects (records, classes, dictionaries, JSON objects) or pages (lists) of objects.");
        }

        if (_filter is not null && !PassesFilter(written))
        {
            return;
        }

        _buffer.Write("\n"u8);
        _count++;
        _index++;
        if (_count >= _chunkMaxItems || _buffer.WrittenCount >= ChunkMaxBytes)
        {
            Cut();
        }
    }

    /// <summary>Asks the resource's filter about the item in the filter buffer; a kept item moves to the chunk.</summary>
    private bool PassesFilter(ReadOnlySpan<byte> written)
    {
        var verdict = _filter!.Check(written, _index);
        if (verdict == ItemVerdict.Keep)
        {
            _buffer.Write(written);
        }

        _filtered.ResetWrittenCount();
        if (verdict == ItemVerdict.Keep)
        {
            return true;
        }

        Stopped = verdict == ItemVerdict.Stop;
        _index++;
        return false;
    }

    private void Cut()
    {
        if (_count == 0)
        {
            return;
        }

        var rented = ArrayPool<byte>.Shared.Rent(_buffer.WrittenCount);
        _buffer.WrittenSpan.CopyTo(rented);
        _ready.Enqueue(new SerializedChunk(_resourceIndex, _table!, rented, _buffer.WrittenCount, _count));
        _buffer.ResetWrittenCount();
        _count = 0;
    }

    /// <summary>
    /// Copies raw UTF-8 JSON as is (validated, not parsed into objects), unless it spans lines or
    /// holds a string that starts with a typed-value marker: then it is rewritten compact and escaped.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteRaw(ReadOnlySpan<byte> utf8)
    {
        CheckUtf8(utf8);
        if (!_tape.TryCheck(utf8))
        {
            // The reader names the problem and where it is (the tape accepts what it accepts).
            ReadToEnd(utf8);
            throw new InvalidOperationException($"Item {_index} of resource '{_resource.Name}': System.Text.Json reads it but the extract's JSON check refused it.");
        }

        if (!_tape.LineBreak && !_tape.MayHaveMarker)
        {
            _json.WriteRawValue(utf8, skipInputValidation: true);
            return;
        }

        using var document = JsonDocument.Parse(utf8.ToArray(), ItemJsonLimits.DocumentOptions);
        JsonSerializer.Serialize(_json, document.RootElement, _options);
    }

    /// <summary>
    /// Checks that raw JSON is UTF-8 (System.Text.Json does not check the bytes of strings); else
    /// fails naming the resource, the item and the byte where the problem is.
    /// </summary>
    private void CheckUtf8(ReadOnlySpan<byte> utf8)
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            var offset = IndexOfInvalidUtf8(utf8);
            throw RawJsonError(utf8, offset, "the bytes there are not valid UTF-8.", innerException: null);
        }
    }

    /// <summary>
    /// Reads raw JSON that <see cref="JsonTape"/> refused, to fail naming the resource, the item and
    /// the byte where the problem is (one well-formed JSON value nested no deeper than
    /// <see cref="ItemJsonLimits.MaxDepth"/> passes).
    /// </summary>
    private void ReadToEnd(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, ItemJsonLimits.ReaderOptions);
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0);
            var offset = OffsetOfLine(utf8, line) + (int)(ex.BytePositionInLine ?? 0);
            throw RawJsonError(utf8, offset, TrimPosition(ex.Message), ex);
        }
    }

    private ExtractException RawJsonError(ReadOnlySpan<byte> utf8, int offset, string reason, Exception? innerException)
    {
        var line = utf8[..Math.Min(offset, utf8.Length)].Count((byte)'\n') + 1;
        return new ExtractException(
            $"Item {_index} of resource '{_resource.Name}' (RawJson, {utf8.Length} bytes) is not valid JSON: JSON parse error at byte offset {offset} (line {line}): {reason} " +
            "A RawJson item must hold the UTF-8 text of one complete JSON object: fix the data at its source, or drop or repair such items before yielding them.",
            innerException);
    }

    private static int IndexOfInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        var offset = 0;
        while (offset < utf8.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return offset;
    }

    private static int OffsetOfLine(ReadOnlySpan<byte> utf8, int line)
    {
        var offset = 0;
        for (var i = 0; i < line; i++)
        {
            var newline = utf8[offset..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                break;
            }

            offset += newline + 1;
        }

        return offset;
    }

    /// <summary>The reader's message without its own 0-based "LineNumber: ... | BytePositionInLine: ..." suffix, which the error replaces.</summary>
    private static string TrimPosition(string message)
    {
        var suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return suffix < 0 ? message : message[..suffix];
    }

    /// <summary>A collection is a page unless it is itself an object: a string, bytes, a dictionary or a JSON object.</summary>
    /// <summary>
    /// The item type whose serializer a sequence declared as <paramref name="declared"/> will need:
    /// the element type of a page, else the type itself; null when it is only known per item
    /// (object, interfaces, abstract types) or needs no serializer of its own (JSON values, dictionaries).
    /// </summary>
    public static Type? PreparableItemType(Type declared)
    {
        var type = IsPage(declared) && typeof(IEnumerable).IsAssignableFrom(declared)
            ? declared.GetInterfaces().Append(declared).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
            : declared;
        return type is null || type == typeof(object) || type.IsInterface || type.IsAbstract || type.IsPrimitive ||
               type == typeof(string) || type == typeof(RawJson) || typeof(JsonNode).IsAssignableFrom(type) || type == typeof(JsonElement) ||
               typeof(IDictionary).IsAssignableFrom(type) || typeof(IEnumerable).IsAssignableFrom(type)
            ? null
            : type;
    }

    private static bool IsPage(Type type) => s_isPageType.GetOrAdd(type, static t =>
        t != typeof(string) && t != typeof(byte[]) && !typeof(IDictionary).IsAssignableFrom(t) && !typeof(JsonObject).IsAssignableFrom(t) &&
        !t.GetInterfaces().Any(i => i.IsGenericType &&
            (i.GetGenericTypeDefinition() == typeof(IDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))));

    private static string DescribeJson(ReadOnlySpan<byte> json) => json.IsEmpty ? "nothing" : json[0] switch
    {
        (byte)'[' => "JSON array",
        (byte)'"' => "string",
        (byte)'t' or (byte)'f' => "boolean",
        (byte)'n' => "null",
        _ => "number",
    };
}
