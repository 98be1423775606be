using System.Collections;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Dlt.Configuration;
using Dlt.Progress;
using Dlt.Schemas;
using Dlt.Storage;

namespace Dlt.Extract;

/// <summary>
/// Drains resources into typed JSON lines files, one writer per table, and records the resources'
/// table hints in the schema.
/// </summary>
internal sealed class Extractor
{
    private static readonly ConcurrentDictionary<Type, bool> s_isPageType = new();

    private readonly Schema _schema;
    private readonly Func<string?, WriterSettings> _writerSettings;
    private readonly JsonSerializerOptions _jsonOptions;
    private readonly string _jobsFolder;
    private readonly Dictionary<string, JsonLinesFileWriter> _writers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _tableNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProgressCounter> _tableCounters = new(StringComparer.Ordinal);
    private readonly ProgressReporter _progress;

    /// <summary><paramref name="writerSettings"/> gives the writer settings of a resource (by name; null for dlt's own rows) when its first table writer opens.</summary>
    public Extractor(Schema schema, Func<string?, WriterSettings> writerSettings, JsonSerializerOptions jsonOptions, string jobsFolder, ProgressReporter progress)
    {
        _progress = progress;
        _schema = schema;
        _writerSettings = writerSettings;
        _jsonOptions = jsonOptions;
        _jobsFolder = jobsFolder;
    }

    /// <summary>Items written per table.</summary>
    public IReadOnlyDictionary<string, long> ItemCounts => _writers.ToDictionary(w => w.Key, w => w.Value.ItemCount);

    /// <summary>Drains the resources (round robin or one after another) and writes their items.</summary>
    /// <param name="resources">The resources, in the order given.</param>
    /// <param name="concurrency">The pool's settings (the source's <c>extract</c> keys).</param>
    /// <param name="enterScope">Enters a resource's configuration scope around each step of it, so <c>Config.Get</c> inside it sees its sections.</param>
    /// <param name="cancellationToken">Stops the extraction.</param>
    public async Task ExtractAsync(IReadOnlyList<Resource> resources, ExtractSettings concurrency, Func<Resource, IDisposable> enterScope, CancellationToken cancellationToken)
    {
        if (concurrency.NextItemMode == NextItemMode.Fifo)
        {
            foreach (var resource in resources)
            {
                await DrainAsync([resource], concurrency, enterScope, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        await DrainAsync(resources, concurrency, enterScope, cancellationToken).ConfigureAwait(false);
    }

    private async Task DrainAsync(IReadOnlyList<Resource> resources, ExtractSettings concurrency, Func<Resource, IDisposable> enterScope, CancellationToken cancellationToken)
    {
        var hints = resources.Select(r => new TableHints(_schema, r)).ToArray();
        var resourcesCounter = _progress.Counter("Resources");
        resourcesCounter.Total = (resourcesCounter.Total ?? 0) + resources.Count;
        var counts = new long[resources.Count];
        await using var scheduler = new ResourceScheduler(resources, concurrency, enterScope, cancellationToken);
        scheduler.Start();
        try
        {
            await foreach (var item in scheduler.Items.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var index = item.ResourceIndex;
                WriteItemOrPage(item.Value, resources[index], hints[index], ref counts[index]);
            }
        }
        catch (ChannelClosedException closed) when (closed.InnerException is not null)
        {
            throw closed.InnerException;
        }

        resourcesCounter.Add(resources.Count);
    }

    /// <summary>Writes one item directly (used for dlt's own rows, such as the pipeline state).</summary>
    public void WriteSystemItem(string table, Action<Utf8JsonWriter> write)
    {
        var writer = WriterFor(table, resourceName: null);
        write(writer.BeginItem());
        writer.EndItem();
        _progress.Counter(table).Add();
    }

    public void Complete()
    {
        foreach (var writer in _writers.Values)
        {
            writer.Complete();
        }
    }

    public void Abort()
    {
        foreach (var writer in _writers.Values)
        {
            writer.Dispose();
        }
    }

    private void WriteItemOrPage(object? item, Resource resource, TableHints tableHints, ref long index)
    {
        switch (item)
        {
            case null:
                return;
            case JsonElement { ValueKind: JsonValueKind.Array } page:
                foreach (var element in page.EnumerateArray())
                {
                    WriteItem(element, resource, tableHints, index++);
                }

                return;
            case JsonArray page:
                foreach (var element in page)
                {
                    WriteItem(element, resource, tableHints, index++);
                }

                return;
            case IEnumerable page when IsPage(item.GetType()):
                foreach (var element in page)
                {
                    WriteItem(element, resource, tableHints, index++);
                }

                return;
            default:
                WriteItem(item, resource, tableHints, index++);
                return;
        }
    }

    private void WriteItem(object? item, Resource resource, TableHints tableHints, long index)
    {
        if (item is null)
        {
            return;
        }

        var table = TableFor(item, resource, tableHints);
        var writer = WriterFor(table, resource.Name);
        var json = writer.BeginItem();
        try
        {
            if (item is RawJson raw)
            {
                WriteRaw(json, raw.Utf8.Span);
            }
            else
            {
                JsonSerializer.Serialize(json, item, item.GetType(), _jsonOptions);
            }
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            writer.DiscardItem();
            throw new ExtractException(
                $"Item {index} of resource '{resource.Name}' ({item.GetType().Name}) cannot be serialized to JSON: {ex.Message} Yield objects whose properties are JSON-serializable.", ex);
        }

        var written = writer.CurrentItem;
        if (written.IsEmpty || written[0] != (byte)'{')
        {
            writer.DiscardItem();
            throw new ExtractException(
                $"Item {index} of resource '{resource.Name}' is a {DescribeJson(written)}, not an object. Yield objects (records, classes, dictionaries, JSON objects) or pages (lists) of objects.");
        }

        writer.EndItem();
        _tableCounters[table].Add();
    }

    /// <summary>
    /// Copies raw UTF-8 JSON as is (validated, not parsed into objects), unless it spans lines or
    /// holds a string that starts with a typed-value marker: then it is rewritten compact and escaped.
    /// </summary>
    private void WriteRaw(Utf8JsonWriter json, ReadOnlySpan<byte> utf8)
    {
        if (utf8.IndexOfAny((byte)'\n', (byte)'\r') < 0 && !TypedJsonMarker.MayContainMarker(utf8))
        {
            json.WriteRawValue(utf8, skipInputValidation: false);
            return;
        }

        using var document = JsonDocument.Parse(utf8.ToArray());
        JsonSerializer.Serialize(json, document.RootElement, _jsonOptions);
    }

    private string TableFor(object item, Resource resource, TableHints tableHints)
    {
        var rawName = resource.Hints.TableNameOfItem is { } tableNameOf
            ? tableNameOf(item)
            : resource.Hints.TableName ?? resource.Name;
        if (!_tableNames.TryGetValue(rawName, out var table))
        {
            table = _schema.Naming.NormalizeTableIdentifier(rawName);
            _tableNames[rawName] = table;
            tableHints.Apply(table);
            _tableCounters.TryAdd(table, _progress.Counter(table));
        }

        return table;
    }

    private JsonLinesFileWriter WriterFor(string table, string? resourceName)
    {
        if (!_writers.TryGetValue(table, out var writer))
        {
            writer = new JsonLinesFileWriter(_jobsFolder, Path.Combine(Path.GetDirectoryName(_jobsFolder)!, PackageFolders.Segments), table, _writerSettings(resourceName));
            _writers[table] = writer;
        }

        return writer;
    }

    /// <summary>A collection is a page unless it is itself an object: a string, bytes, a dictionary or a JSON object.</summary>
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
