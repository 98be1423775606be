using Dlt.Tests.Support;

namespace Dlt.Tests.Normalize;

/// <summary>Nulls and empty containers create no columns and no tables (reference §4.7, §4.2).</summary>
public sealed class NullsAndEmptyValuesTests
{
    [Fact]
    public async Task A_key_that_is_null_in_every_row_creates_no_column()
    {
        // Given
        var resource = Json.Resource("t", """{"a": 1, "n": null}""", """{"a": 2, "n": null, "o": {"p": null}}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(["a", "_dlt_load_id", "_dlt_id"], run.ColumnNames("t"));
        Assert.Equal(2, run.Rows("t").Count);
    }

    [Fact]
    public async Task A_column_is_created_by_the_first_non_null_value_and_earlier_rows_hold_null()
    {
        // Given
        var resource = Json.Resource("t", """{"a": 1, "n": null}""", """{"a": 2, "n": "x"}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(["a", "_dlt_load_id", "_dlt_id", "n"], run.ColumnNames("t"));
        Assert.Equal("text", run.DataType("t", "n"));
        Assert.Equal([null, "x"], run.Rows("t").Select(r => r["n"]));
    }

    [Fact]
    public async Task Empty_lists_and_empty_objects_produce_no_columns_and_no_tables()
    {
        // Given
        var resource = Json.Resource("t", """{"a": 1, "l": [], "o": {}, "deep": {"l": [], "o": {}}}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(["t"], run.DataTableNames);
        Assert.Equal(["a", "_dlt_load_id", "_dlt_id"], run.ColumnNames("t"));
        Assert.Empty(run.JobFiles("t__l"));
    }

    [Fact]
    public async Task Null_elements_of_a_list_of_scalars_keep_their_position()
    {
        // Given
        var resource = Json.Resource("t", """{"l": ["a", null, "c"]}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        var rows = run.Rows("t__l");
        Assert.Equal(["a", null, "c"], rows.Select(r => r["value"]));
        Assert.Equal([0L, 1L, 2L], rows.Select(r => r["_dlt_list_idx"]));
    }
}
