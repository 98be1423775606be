using Dlt.Normalize;
using Dlt.Schemas;
using Dlt.Schemas.Naming;
using Dlt.Storage;

namespace Dlt.Tests.Normalize;

/// <summary>Segments are cut from a file's waiting members when a worker is free: a fair share while it is open, equal parts once it closed.</summary>
public sealed class WaitingFileTests
{
    private const long MinItems = 100;
    private const long MaxItems = 400;
    private const int Workers = 3;

    /// <summary>A file of <paramref name="count"/> members of 25 items and 1,000 bytes each, every one with a schema of its own.</summary>
    private static (WaitingFile File, List<Schema> Snapshots) FileOf(int count)
    {
        var file = new WaitingFile("items.jsonl");
        var snapshots = new List<Schema>();
        for (var i = 0; i < count; i++)
        {
            var snapshot = new Schema($"s{i}", new SnakeCaseNaming());
            snapshots.Add(snapshot);
            file.Add(new FileSegment("items.jsonl", "items", i * 1000L, 1000, 25), snapshot);
        }

        return (file, snapshots);
    }

    private static List<long> CutAll(WaitingFile file)
    {
        var sizes = new List<long>();
        while (file.TryCut(MinItems, MaxItems, Workers, out var segment, out _))
        {
            sizes.Add(segment.Items);
        }

        return sizes;
    }

    [Fact]
    public void An_open_file_is_cut_only_once_the_smallest_segment_waits()
    {
        var (file, _) = FileOf(3);

        Assert.False(file.TryCut(MinItems, MaxItems, Workers, out _, out _));

        file.Add(new FileSegment("items.jsonl", "items", 3000, 1000, 25), new Schema("s3", new SnakeCaseNaming()));
        Assert.True(file.TryCut(MinItems, MaxItems, Workers, out var segment, out _));
        Assert.Equal((0L, 4000L, 100L), (segment.Offset, segment.Length, segment.Items));
        Assert.False(file.IsDone);
    }

    [Fact]
    public void An_open_file_gives_a_fair_share_of_what_waits_within_the_bounds()
    {
        // 1,800 items wait: a third is 600, above the largest segment
        var (file, snapshots) = FileOf(72);

        Assert.True(file.TryCut(MinItems, MaxItems, Workers, out var first, out var snapshot));
        Assert.Equal(400L, first.Items);
        Assert.Same(snapshots[15], snapshot);

        // 1,400 wait: a third is 466, still above; then 1,000: a third, 333, rounded up to whole members
        Assert.True(file.TryCut(MinItems, MaxItems, Workers, out var second, out _));
        Assert.Equal((16000L, 400L), (second.Offset, second.Items));
        Assert.True(file.TryCut(MinItems, MaxItems, Workers, out var third, out _));
        Assert.Equal((32000L, 350L, 14000L), (third.Offset, third.Items, third.Length));
    }

    [Fact]
    public void What_waits_when_the_file_closes_is_split_in_equal_parts_one_per_worker()
    {
        // 12 members (300 items) wait when the file closes
        var (file, snapshots) = FileOf(12);

        file.Close(Workers);

        Assert.True(file.TryCut(MinItems, MaxItems, Workers, out var first, out var snapshot));
        Assert.Equal((0L, 100L), (first.Offset, first.Items));
        Assert.Same(snapshots[3], snapshot);
        Assert.Equal([100L, 100L], CutAll(file));
        Assert.True(file.IsDone);
    }

    [Fact]
    public void A_closed_file_smaller_than_the_smallest_segment_is_still_cut()
    {
        var (file, _) = FileOf(2);

        file.Close(Workers);

        Assert.Equal([25L, 25L], CutAll(file));
        Assert.True(file.IsDone);
    }
}
