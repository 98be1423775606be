using Dlt.Tests.Support;

namespace Dlt.Tests.Normalize;

/// <summary>Fixed-width columns (bigint, double, bool, timestamp, date, time) keep values and nulls in every row group.</summary>
public sealed class ValueColumnTests
{
    [Fact]
    public async Task Values_and_nulls_keep_their_rows_across_row_groups_and_before_1970()
    {
        // Given 7 items in row groups of 3 (buffer_max_items), every other one without values
        static Dictionary<string, object?> Item(int i) => i % 2 == 1
            ? new() { ["i"] = i }
            : new()
            {
                ["i"] = i,
                ["n"] = -1_000_000_000_000L * i,
                ["f"] = i / 4.0,
                ["b"] = i % 4 == 0,
                ["ts"] = new DateTime(1969, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddDays(i).AddTicks(10 * i),
                ["d"] = new DateOnly(1950, 1, 1).AddDays(i),
                ["tm"] = new TimeOnly(23, 59, 59).Add(TimeSpan.FromTicks(-10 * i)),
            };

        var options = new PipelineOptions { BufferMaxItems = 3 };

        // When
        using var run = new NormalizeRun(options);
        await run.ExtractAndNormalizeAsync(Resource.Create("t", Enumerable.Range(0, 7).Select(Item).ToList()));

        // Then
        var rows = run.Rows("t");
        Assert.Equal(Enumerable.Range(0, 7).Select(i => (long)i), rows.Select(r => (long)r["i"]!));
        foreach (var row in rows)
        {
            var i = (int)(long)row["i"]!;
            if (i % 2 == 1)
            {
                Assert.All(new[] { "n", "f", "b", "ts", "d", "tm" }, c => Assert.Null(row[c]));
                continue;
            }

            Assert.Equal(-1_000_000_000_000L * i, (long)row["n"]!);
            Assert.Equal(i / 4.0, (double)row["f"]!);
            Assert.Equal(i % 4 == 0, (bool)row["b"]!);
            Assert.Equal(new DateTime(1969, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddDays(i).AddTicks(10 * i), (DateTime)row["ts"]!);
            Assert.Equal(new DateOnly(1950, 1, 1).AddDays(i), (DateOnly)row["d"]!);
            Assert.Equal(new TimeOnly(23, 59, 59).Add(TimeSpan.FromTicks(-10 * i)).ToTimeSpan(), (TimeSpan)row["tm"]!);
        }
    }
}
