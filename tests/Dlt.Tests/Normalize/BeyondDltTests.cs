using Dlt.Tests.Support;

namespace Dlt.Tests.Normalize;

/// <summary>Where we do better than dlt 1.26 on purpose (docs/divergences.md), each kept by a test.</summary>
public sealed class BeyondDltTests
{
    // dlt: _normalize_row skips _add_row_id when the row brings its own _dlt_id, so such a child row
    // gets no _dlt_parent_id and no _dlt_list_idx; ours keeps both links.
    [Fact]
    public async Task A_child_row_with_its_own_dlt_id_keeps_its_parent_link()
    {
        // Given
        var resource = Json.Resource("t", """{"id": 1, "items": [{"_dlt_id": "child-a", "x": 1}, {"_dlt_id": "child-b", "x": 2}]}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        var parent = Assert.Single(run.Rows("t"));
        var children = run.Rows("t__items");
        Assert.Equal(["child-a", "child-b"], children.Select(c => c["_dlt_id"]));
        Assert.All(children, c => Assert.Equal(parent["_dlt_id"], c["_dlt_parent_id"]));
        Assert.Equal([0L, 1L], children.Select(c => c["_dlt_list_idx"]));
    }

    // dlt: _flatten keys a list by normalize_table_identifier(k), "" for a blank key or a key of only
    // separators, so shorten_fragments puts its rows into the parent table with null ids; ours uses
    // a child table "<parent>___empty".
    [Fact]
    public async Task Lists_under_blank_keys_and_separator_only_keys_go_to_an_empty_child_table()
    {
        // Given
        var resource = Json.Resource("t", """{"id": 1, "": [1, 2]}""", """{"id": 2, "__": [3]}""", """{"id": 3, "  ": [4]}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(["t", "t___empty"], run.DataTableNames);
        Assert.Equal(["id", "_dlt_load_id", "_dlt_id"], run.ColumnNames("t"));
        var parents = run.Rows("t").ToDictionary(r => (string)r["_dlt_id"]!, r => (long)r["id"]!);
        var children = run.Rows("t___empty");
        Assert.Equal([1L, 2L, 3L, 4L], children.Select(c => c["value"]));
        Assert.Equal([1L, 1L, 2L, 3L], children.Select(c => parents[(string)c["_dlt_parent_id"]!]));
    }

    // dlt: orjson gives such literals no exact type (a double, or an error at load); ours keeps them exact as wei.
    [Fact]
    public async Task Json_integers_between_2_to_the_63_and_2_to_the_64_become_wei()
    {
        // Given
        var resource = Json.Resource("t", """{"n": 9223372036854775808}""", """{"n": 18446744073709551615}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal("wei", run.DataType("t", "n"));
        Assert.Equal(
            ["9223372036854775808", "18446744073709551615"],
            run.Rows("t").Select(r => Convert.ToString(r["n"], System.Globalization.CultureInfo.InvariantCulture)));
    }
}
