namespace Dlt;

/// <summary>
/// A source split into partitions (date ranges, id ranges, API parent items, tables): the keys, and
/// the <see cref="Source"/> that extracts one partition. Each partition runs as its own pipeline
/// (<see cref="Pipeline.ForPartition(string)"/>) into the same dataset, in one process
/// (<see cref="Pipeline.RunPartitionsAsync"/>) or as jobs of a job engine on many machines.
/// Every partition's source must have the same name (the schema shared by the partitions).
/// </summary>
public sealed class PartitionedSource
{
    private readonly Func<CancellationToken, Task<IReadOnlyList<string>>> _keys;
    private readonly Func<string, Source> _partition;

    private PartitionedSource(string name, Func<CancellationToken, Task<IReadOnlyList<string>>> keys, Func<string, Source> partition)
    {
        Name = name;
        _keys = keys;
        _partition = partition;
    }

    /// <summary>The source name: the name of every partition's source and of the schema they share.</summary>
    public string Name { get; }

    /// <summary>A partitioned source over a fixed list of keys.</summary>
    /// <param name="name">The source (and schema) name.</param>
    /// <param name="keys">The partition keys: distinct, non-empty strings.</param>
    /// <param name="partition">Makes the source of one partition from its key.</param>
    public static PartitionedSource Create(string name, IEnumerable<string> keys, Func<string, Source> partition)
    {
        ArgumentNullException.ThrowIfNull(keys);
        IReadOnlyList<string> list = [.. keys];
        return Create(name, _ => Task.FromResult(list), partition);
    }

    /// <summary>A partitioned source whose keys are produced when a run starts (listing the tables of a database, the parents of an API).</summary>
    /// <param name="name">The source (and schema) name.</param>
    /// <param name="keys">Produces the partition keys: distinct, non-empty strings.</param>
    /// <param name="partition">Makes the source of one partition from its key.</param>
    public static PartitionedSource Create(string name, Func<CancellationToken, Task<IReadOnlyList<string>>> keys, Func<string, Source> partition)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(partition);
        return new PartitionedSource(name, keys, partition);
    }

    /// <summary>The partition keys, checked to be distinct and non-empty.</summary>
    /// <exception cref="InvalidOperationException">A key is empty or given twice.</exception>
    public async Task<IReadOnlyList<string>> KeysAsync(CancellationToken cancellationToken = default)
    {
        var keys = await _keys(cancellationToken).ConfigureAwait(false);
        if (keys.FirstOrDefault(string.IsNullOrEmpty) is not null)
        {
            throw new InvalidOperationException($"Partitioned source '{Name}' produced an empty partition key; every partition needs a non-empty key.");
        }

        var duplicate = keys.GroupBy(k => k, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? keys : throw new InvalidOperationException(
            $"Partitioned source '{Name}' produced partition key '{duplicate.Key}' {duplicate.Count()} times; keys must be distinct, since each names its own pipeline.");
    }

    /// <summary>The source that extracts partition <paramref name="key"/>.</summary>
    /// <exception cref="InvalidOperationException">The source made for the key has another name than <see cref="Name"/>.</exception>
    public Source ForPartition(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var source = _partition(key) ?? throw new InvalidOperationException($"Partitioned source '{Name}' made no source for partition '{key}'.");
        return source.Name == Name ? source : throw new InvalidOperationException(
            $"Partitioned source '{Name}' made a source named '{source.Name}' for partition '{key}'; every partition's source must be named '{Name}' so that they share one schema.");
    }
}
