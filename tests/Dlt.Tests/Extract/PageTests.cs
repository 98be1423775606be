using System.Text.Json;
using Dlt.Tests.Support;

namespace Dlt.Tests.Extract;

/// <summary>A yielded collection is a page: its items become rows exactly as if they were yielded one by one (reference §3.2).</summary>
public sealed class PageTests
{
    private static readonly Dictionary<string, object?>[] s_items =
    [
        new() { ["id"] = 1, ["tags"] = new[] { "a", "b" } },
        new() { ["id"] = 2, ["tags"] = new[] { "c" } },
        new() { ["id"] = 3, ["name"] = "x" },
    ];

    [Fact]
    public async Task Pages_of_lists_give_the_same_rows_as_single_items()
    {
        // Given
        var single = Resource.Create("t", s_items);
        var pages = Resource.Create("t", new List<List<Dictionary<string, object?>>> { new() { s_items[0], s_items[1] }, new() { s_items[2] } });

        // When
        var expected = await DataRowsAsync(single);
        var actual = await DataRowsAsync(pages);

        // Then
        Assert.Equal(expected, actual);
        Assert.Equal(["t", "t__tags"], expected.Keys);
        Assert.Equal(3, expected["t"].Count - 1);
    }

    [Fact]
    public async Task Json_arrays_are_pages_of_json_objects()
    {
        // Given
        var json = JsonSerializer.Serialize(s_items);
        var single = Resource.Create("t", Json.Parse(json).EnumerateArray().ToArray());
        var pages = Resource.Create("t", [Json.Parse(json)]);

        // When
        var expected = await DataRowsAsync(single);
        var actual = await DataRowsAsync(pages);

        // Then
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Async_pages_give_the_same_rows_as_synchronous_items()
    {
        // Given
        var single = Resource.Create("t", s_items);
        var pages = Resource.Create("t", AsyncPages());

        // When
        var expected = await DataRowsAsync(single);
        var actual = await DataRowsAsync(pages);

        // Then
        Assert.Equal(expected, actual);
    }

    private static async IAsyncEnumerable<Dictionary<string, object?>[]> AsyncPages()
    {
        await Task.Yield();
        yield return [s_items[0]];
        yield return [s_items[1], s_items[2]];
    }

    /// <summary>The column names, then the values of each row, of every data table, without the random row ids and load ids.</summary>
    private static async Task<Dictionary<string, List<string>>> DataRowsAsync(Resource resource)
    {
        using var run = await NormalizeRun.OfAsync(resource);
        return run.DataTableNames.ToDictionary(
            t => t,
            t => run.Rows(t)
                .Select(r => string.Join(", ", r.Where(c => c.Key is not ("_dlt_id" or "_dlt_load_id" or "_dlt_parent_id")).Select(c => $"{c.Key}={c.Value}")))
                .Prepend(string.Join(", ", run.ColumnNames(t)))
                .ToList());
    }
}
