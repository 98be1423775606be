namespace Dlt.TestKit;

/// <summary>
/// A generated source split into partitions <c>p00</c>, <c>p01</c>, ...: each yields its own events,
/// and the partitions differ in shape (a column only some have, a child table only some have), so
/// that concurrent partitions evolve the shared schema in different orders.
/// </summary>
public static class PartitionedEvents
{
    public const string SourceName = "events";

    public static IReadOnlyList<string> Keys(int partitions) => [.. Enumerable.Range(0, partitions).Select(p => $"p{p:D2}")];

    /// <summary>
    /// The partitioned source over <paramref name="partitions"/> keys, <paramref name="rowsPerPartition"/> events
    /// each; a partition sleeps <paramref name="pausePer1000Rows"/> every 1000 events (a slow API).
    /// </summary>
    public static PartitionedSource Create(int partitions, int rowsPerPartition, TimeSpan pausePer1000Rows = default) =>
        PartitionedSource.Create(SourceName, Keys(partitions), key => Source.Create(SourceName, Resource.Create("events", Paced(Rows(key, rowsPerPartition), pausePer1000Rows))));

    private static IEnumerable<T> Paced<T>(IEnumerable<T> rows, TimeSpan pause)
    {
        var count = 0;
        foreach (var row in rows)
        {
            if (pause > TimeSpan.Zero && ++count % 1000 == 0)
            {
                Thread.Sleep(pause);
            }

            yield return row;
        }
    }

    /// <summary>One source with every partition's events in one resource: what a single run loads.</summary>
    public static Source Single(int partitions, int rowsPerPartition) =>
        Source.Create(SourceName, Resource.Create("events", Keys(partitions).SelectMany(key => Rows(key, rowsPerPartition))));

    /// <summary>The events of partition <paramref name="key"/>.</summary>
    public static IEnumerable<Dictionary<string, object?>> Rows(string key, int rows)
    {
        var p = int.Parse(key.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < rows; i++)
        {
            var row = new Dictionary<string, object?>
            {
                ["id"] = (p * 1_000_000L) + i,
                ["partition"] = key,
                ["amount"] = Math.Round((i * 0.25m) + p, 2),
                ["payload"] = new Dictionary<string, object?> { ["seq"] = i, ["label"] = $"{key}-{i}" },
                [$"tag_{p % 3}"] = $"t{i % 7}",
            };
            if (p % 2 == 1)
            {
                row["items"] = new[] { new Dictionary<string, object?> { ["n"] = i }, new Dictionary<string, object?> { ["n"] = i + 1 } };
            }

            yield return row;
        }
    }
}
