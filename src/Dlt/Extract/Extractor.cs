using System.Text.Json;
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

    private readonly Schema _schema;
    private readonly Func<string?, WriterSettings> _writerSettings;
    private readonly JsonSerializerOptions _jsonOptions;
    private readonly string _jobsFolder;
    private readonly Dictionary<string, JsonLinesFileWriter> _writers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _tableNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProgressCounter> _tableCounters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, long>> _resourceItems = new(StringComparer.Ordinal);
    private readonly ProgressReporter _progress;
    private readonly IExtractFileObserver? _observer;

    /// <summary><paramref name="writerSettings"/> gives the writer settings of a resource (by name; null for dlt's own rows) when its first table writer opens;
    /// <paramref name="observer"/>, when given, hears of every flushed member and closed file.</summary>
    public Extractor(Schema schema, Func<string?, WriterSettings> writerSettings, JsonSerializerOptions jsonOptions, string jobsFolder, ProgressReporter progress, IExtractFileObserver? observer = null)
    {
        _observer = observer;
        _progress = progress;
        _schema = schema;
        _writerSettings = writerSettings;
        _jsonOptions = jsonOptions;
        _jobsFolder = jobsFolder;
    }

    /// <summary>Items written per table.</summary>
    public IReadOnlyDictionary<string, long> ItemCounts => _writers.ToDictionary(w => w.Key, w => w.Value.ItemCount);

    /// <summary>Items written per resource, and per table of each resource.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> ResourceItemCounts =>
        _resourceItems.ToDictionary(r => r.Key, r => (IReadOnlyDictionary<string, long>)new Dictionary<string, long>(r.Value, StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>Drains the resources (round robin or one after another) and writes their items.</summary>
    /// <param name="resources">The resources, in the order given.</param>
    /// <param name="concurrency">The pool's settings (the source's <c>extract</c> keys).</param>
    /// <param name="enterScope">Enters a resource's configuration scope around each step of it, so <c>Config.Get</c> inside it sees its sections.</param>
    /// <param name="cancellationToken">Stops the extraction.</param>
    public async Task ExtractAsync(IReadOnlyList<Resource> resources, ExtractSettings concurrency, Func<Resource, IDisposable> enterScope, CancellationToken cancellationToken)
    {
        var prepared = PrepareSerializers(resources);
        try
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
        finally
        {
            await prepared.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Builds the JSON serializers of the item types the resources declare on a pool thread, while
    /// the resources fetch their first items (an API's first page takes a while): the first item
    /// then finds its serializer ready. A type that cannot be prepared is left to the first item,
    /// whose serialization reports the problem with the item's index.
    /// </summary>
    private Task PrepareSerializers(IReadOnlyList<Resource> resources)
    {
        var types = resources.Select(r => ItemSerializer.PreparableItemType(r.Items.DeclaredType)).OfType<Type>().Distinct().ToList();
        return types.Count == 0 ? Task.CompletedTask : Task.Run(() =>
        {
            foreach (var type in types)
            {
                try
                {
                    _jsonOptions.GetTypeInfo(type);
                }
                catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or ArgumentException)
                {
                    // Reported by the first item of this type, with its resource and index.
                }
            }
        });
    }

    private async Task DrainAsync(IReadOnlyList<Resource> resources, ExtractSettings concurrency, Func<Resource, IDisposable> enterScope, CancellationToken cancellationToken)
    {
        var hints = resources.Select(r => new TableHints(_schema, r)).ToArray();
        var resourcesCounter = _progress.Counter("Resources");
        resourcesCounter.Total = (resourcesCounter.Total ?? 0) + resources.Count;
        await using var scheduler = new ResourceScheduler(resources, concurrency, enterScope, SerializerFor, cancellationToken);
        scheduler.Start();
        try
        {
            await foreach (var chunk in scheduler.Chunks.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    Append(chunk, resources[chunk.ResourceIndex], hints[chunk.ResourceIndex]);
                }
                finally
                {
                    chunk.Return();
                }
            }
        }
        catch (ChannelClosedException closed) when (closed.InnerException is not null)
        {
            throw closed.InnerException;
        }

        resourcesCounter.Add(resources.Count);
    }

    /// <summary>Chunks stay within the writer's buffer and file item limits, so files rotate where the settings say.</summary>
    private ItemSerializer SerializerFor(Resource resource, int index)
    {
        var settings = _writerSettings(resource.Name);
        var chunkMaxItems = (int)Math.Min(Math.Min(1000, settings.BufferMaxItems), settings.FileMaxItems ?? long.MaxValue);
        return new ItemSerializer(resource, index, Math.Max(1, chunkMaxItems), _jsonOptions);
    }

    private void Append(SerializedChunk chunk, Resource resource, TableHints tableHints)
    {
        if (TableFor(chunk.RawTable, tableHints) is not { } table)
        {
            return;
        }

        WriterFor(table, resource.Name).AppendLines(chunk.Lines, chunk.Count);
        _tableCounters[table].Add(chunk.Count);
        if (!_resourceItems.TryGetValue(resource.Name, out var tables))
        {
            tables = new Dictionary<string, long>(StringComparer.Ordinal);
            _resourceItems[resource.Name] = tables;
        }

        tables[table] = tables.GetValueOrDefault(table) + chunk.Count;
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

    /// <summary>The normalized table of a raw table name; null when the schema contract discards the table's items.</summary>
    private string? TableFor(string rawName, TableHints tableHints)
    {
        if (!_tableNames.TryGetValue(rawName, out var table))
        {
            var name = _schema.Naming.NormalizeTableIdentifier(rawName);
            table = tableHints.Apply(name) ? name : null;
            _tableNames[rawName] = table;
            if (table is not null)
            {
                _tableCounters.TryAdd(table, _progress.Counter(table));
            }
        }

        return table;
    }

    private JsonLinesFileWriter WriterFor(string table, string? resourceName)
    {
        if (!_writers.TryGetValue(table, out var writer))
        {
            writer = new JsonLinesFileWriter(_jobsFolder, Path.Combine(Path.GetDirectoryName(_jobsFolder)!, PackageFolders.Segments), table, _writerSettings(resourceName), _observer);
            _writers[table] = writer;
        }

        return writer;
    }
}
