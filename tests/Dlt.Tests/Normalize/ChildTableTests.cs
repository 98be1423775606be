using Dlt.Tests.Support;

namespace Dlt.Tests.Normalize;

/// <summary>Lists become child tables: scalars in a <c>value</c> column, lists in lists through <c>__list</c> tables (reference §4.2).</summary>
public sealed class ChildTableTests
{
    [Fact]
    public async Task A_list_of_scalars_becomes_a_child_table_with_a_value_column()
    {
        // Given
        var resource = Json.Resource("t", """{"id": 1, "nums": [10, 20, 30]}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(["value", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"], run.ColumnNames("t__nums"));
        Assert.Equal("bigint", run.DataType("t__nums", "value"));
        var rows = run.Rows("t__nums");
        Assert.Equal([10L, 20L, 30L], rows.Select(r => r["value"]));
        Assert.Equal([0L, 1L, 2L], rows.Select(r => r["_dlt_list_idx"]));
    }

    [Fact]
    public async Task A_list_inside_a_list_goes_through_an_intermediary_list_table()
    {
        // Given
        var resource = Json.Resource("t", """{"m": [[1, 2], [3]]}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(["t", "t__m", "t__m__list"], run.DataTableNames);
        Assert.Equal("t__m", run.Parent("t__m__list"));
        Assert.Equal(["_dlt_parent_id", "_dlt_list_idx", "_dlt_id"], run.ColumnNames("t__m"));
        Assert.Equal(["value", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"], run.ColumnNames("t__m__list"));

        var root = Assert.Single(run.Rows("t"));
        var intermediary = run.Rows("t__m");
        Assert.Equal([0L, 1L], intermediary.Select(r => r["_dlt_list_idx"]));
        Assert.All(intermediary, r => Assert.Equal(root["_dlt_id"], r["_dlt_parent_id"]));

        var values = run.Rows("t__m__list");
        Assert.Equal([1L, 2L, 3L], values.Select(r => r["value"]));
        Assert.Equal([0L, 1L, 0L], values.Select(r => r["_dlt_list_idx"]));
        Assert.Equal(
            [intermediary[0]["_dlt_id"], intermediary[0]["_dlt_id"], intermediary[1]["_dlt_id"]],
            values.Select(r => r["_dlt_parent_id"]));
    }

    [Fact]
    public async Task A_list_three_deep_nests_list_tables_twice()
    {
        // Given
        var resource = Json.Resource("t", """{"m": [[["x"]]]}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(["t", "t__m", "t__m__list", "t__m__list__list"], run.DataTableNames);
        Assert.Equal("x", Assert.Single(run.Rows("t__m__list__list"))["value"]);
    }

    [Fact]
    public async Task Child_rows_of_several_items_follow_their_own_parent()
    {
        // Given
        var resource = Json.Resource("t", """{"id": 1, "l": ["a"]}""", """{"id": 2, "l": ["b", "c"]}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        var parents = run.Rows("t").ToDictionary(r => (string)r["_dlt_id"]!, r => (long)r["id"]!);
        var children = run.Rows("t__l");
        Assert.Equal(["a", "b", "c"], children.Select(r => r["value"]));
        Assert.Equal([1L, 2L, 2L], children.Select(r => parents[(string)r["_dlt_parent_id"]!]));
        Assert.Equal([0L, 0L, 1L], children.Select(r => r["_dlt_list_idx"]));
    }
}
