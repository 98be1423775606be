using Dlt.Tests.Support;

namespace Dlt.Tests.Normalize;

/// <summary>A value whose type changes on every row gives dlt's variant columns and child tables.</summary>
public sealed class FlippingTypeTests
{
    // dlt: _coerce_non_null_value makes a variant "<col>__v_<py_type>" for each type coerce_value cannot
    // turn into the column's type (text, double with a fraction, bool: no ("bigint", "bool") coercer);
    // _flatten sends a dict to "<col>__<key>" columns and a list to the child table "<table>__<col>".
    [Fact]
    public async Task A_value_that_changes_type_on_every_row_gives_dlts_variants_and_child_table()
    {
        // Given
        var resource = Json.Resource(
            "t",
            """{"id": 1, "v": 7}""",
            """{"id": 2, "v": "seven"}""",
            """{"id": 3, "v": 7.5}""",
            """{"id": 4, "v": true}""",
            """{"id": 5, "v": {"x": 1}}""",
            """{"id": 6, "v": [1, 2]}""",
            """{"id": 7, "v": 8.0}""",
            """{"id": 8, "v": "9"}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(["t", "t__v"], run.DataTableNames);
        Assert.Equal(["id", "v", "_dlt_load_id", "_dlt_id", "v__v_text", "v__v_double", "v__v_bool", "v__x"], run.ColumnNames("t"));
        Assert.Equal(["bigint", "text", "double", "bool", "bigint"], new[] { "v", "v__v_text", "v__v_double", "v__v_bool", "v__x" }.Select(c => run.DataType("t", c)));
        var rows = run.Rows("t").OrderBy(r => (long)r["id"]!).ToList();
        Assert.Equal([7L, null, null, null, null, null, 8L, 9L], rows.Select(r => r["v"]));
        Assert.Equal([null, "seven", null, null, null, null, null, null], rows.Select(r => r["v__v_text"]));
        Assert.Equal(7.5, rows[2]["v__v_double"]);
        Assert.Equal(true, rows[3]["v__v_bool"]);
        Assert.Equal(1L, rows[4]["v__x"]);
        Assert.Equal([1L, 2L], run.Rows("t__v").Select(r => r["value"]));
        Assert.Equal(rows[5]["_dlt_id"], run.Rows("t__v")[0]["_dlt_parent_id"]);
    }
}
