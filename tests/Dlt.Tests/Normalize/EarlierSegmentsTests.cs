using Dlt.Normalize;
using Dlt.Schemas;
using Dlt.Schemas.Naming;
using Dlt.Storage;

namespace Dlt.Tests.Normalize;

/// <summary>A parallel segment starts from what its file's earlier segments found, and only after the file's first one is done.</summary>
public sealed class EarlierSegmentsTests
{
    private static readonly FileSegment s_first = new("items.jsonl", "items", 0, 100, 25);
    private static readonly FileSegment s_second = new("items.jsonl", "items", 100, 100, 25);
    private static readonly FileSegment s_third = new("items.jsonl", "items", 200, 100, 25);
    private static readonly FileSegment s_otherFile = new("orders.jsonl", "orders", 0, 100, 25);

    [Fact]
    public void A_later_segment_starts_with_the_columns_the_first_segment_of_its_file_found()
    {
        using var earlier = Dispatched(s_first, s_second, s_otherFile);
        earlier.Completed(s_first, Changes("items", "mixed", DataType.BigInt));
        var snapshot = new Schema("test", new SnakeCaseNaming());

        var assumed = earlier.ExtendForSegment(snapshot, s_second);

        Assert.Equal(DataType.BigInt, snapshot.GetTable("items").Columns.Single(c => c.Name == "mixed").DataType);
        Assert.True(assumed.HoldsIn(snapshot));
        Assert.False(assumed.IsEmpty);
        Assert.True(earlier.ExtendForSegment(new Schema("test", new SnakeCaseNaming()), s_otherFile).IsEmpty);
    }

    [Fact]
    public void Only_an_unbroken_run_of_done_segments_from_the_first_is_assumed()
    {
        using var earlier = Dispatched(s_first, s_second, s_third);
        earlier.Completed(s_second, Changes("items", "late", DataType.Text));

        Assert.True(earlier.ExtendForSegment(new Schema("test", new SnakeCaseNaming()), s_third).IsEmpty);

        earlier.Completed(s_first, null);
        Assert.True(earlier.ExtendForSegment(new Schema("test", new SnakeCaseNaming()), s_third).IsEmpty);
    }

    [Fact]
    public void A_segment_whose_changes_conflict_with_the_ones_before_it_ends_the_run()
    {
        using var earlier = Dispatched(s_first, s_second, s_third);
        earlier.Completed(s_first, Changes("items", "mixed", DataType.BigInt));
        earlier.Completed(s_second, Changes("items", "mixed", DataType.Text));
        var snapshot = new Schema("test", new SnakeCaseNaming());

        earlier.ExtendForSegment(snapshot, s_third);

        Assert.Equal(DataType.BigInt, snapshot.GetTable("items").Columns.Single(c => c.Name == "mixed").DataType);
    }

    [Fact]
    public async Task A_later_segment_waits_for_the_first_segment_of_its_file_and_the_first_does_not_wait()
    {
        using var earlier = Dispatched(s_first, s_second);
        earlier.WaitForFirst(s_first, CancellationToken.None);

        var waiting = Task.Run(() => earlier.WaitForFirst(s_second, CancellationToken.None));
        var first = await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromMilliseconds(200)));
        Assert.NotSame(waiting, first);

        earlier.Completed(s_first, Changes("items", "id", DataType.BigInt));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static EarlierSegments Dispatched(params FileSegment[] segments)
    {
        var earlier = new EarlierSegments();
        foreach (var segment in segments)
        {
            earlier.Dispatched(segment);
        }

        return earlier;
    }

    private static SchemaChanges Changes(string table, string column, DataType type)
    {
        var changes = new SchemaChanges();
        changes.TableAdded(new TableSchema(table));
        changes.ColumnAdded(table, new ColumnSchema(column, type));
        return changes;
    }
}
