using Dlt.Tests.Support;

namespace Dlt.Tests.Normalize;

/// <summary>Flattening, child tables and system columns (reference §4.2, §4.3), read from the stored schema and the Parquet files.</summary>
public sealed class RelationalNormalizerTests
{
    private const string WorkedExample =
        """{"id": 1, "Name": "A", "address": {"City": "X"}, "tags": ["t1", "t2"], "orders": [{"sku": "s1", "items": [{"q": 2}]}]}""";

    [Fact]
    public async Task Worked_example_creates_the_root_and_nested_tables_with_their_parents()
    {
        // Given / When
        using var run = await NormalizeRun.OfAsync(Json.Resource("users", WorkedExample));

        // Then
        Assert.Equal(["users", "users__tags", "users__orders", "users__orders__items"], run.DataTableNames);
        Assert.Null(run.Parent("users"));
        Assert.Equal("users", run.Parent("users__tags"));
        Assert.Equal("users", run.Parent("users__orders"));
        Assert.Equal("users__orders", run.Parent("users__orders__items"));
    }

    [Fact]
    public async Task Worked_example_orders_data_columns_before_system_columns()
    {
        // Given / When
        using var run = await NormalizeRun.OfAsync(Json.Resource("users", WorkedExample));

        // Then
        Assert.Equal(["id", "name", "address__city", "_dlt_load_id", "_dlt_id"], run.ColumnNames("users"));
        Assert.Equal(["value", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"], run.ColumnNames("users__tags"));
        Assert.Equal(["sku", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"], run.ColumnNames("users__orders"));
        Assert.Equal(["q", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"], run.ColumnNames("users__orders__items"));
    }

    [Fact]
    public async Task Worked_example_links_child_rows_to_their_parent_rows()
    {
        // Given / When
        using var run = await NormalizeRun.OfAsync(Json.Resource("users", WorkedExample));

        // Then
        var user = Assert.Single(run.Rows("users"));
        Assert.Equal(1L, user["id"]);
        Assert.Equal("A", user["name"]);
        Assert.Equal("X", user["address__city"]);
        Assert.Equal(run.LastLoadId, user["_dlt_load_id"]);

        var tags = run.Rows("users__tags");
        Assert.Equal(["t1", "t2"], tags.Select(r => r["value"]));
        Assert.Equal([0L, 1L], tags.Select(r => r["_dlt_list_idx"]));
        Assert.All(tags, r => Assert.Equal(user["_dlt_id"], r["_dlt_parent_id"]));

        var order = Assert.Single(run.Rows("users__orders"));
        Assert.Equal("s1", order["sku"]);
        Assert.Equal(user["_dlt_id"], order["_dlt_parent_id"]);
        Assert.Equal(0L, order["_dlt_list_idx"]);

        var item = Assert.Single(run.Rows("users__orders__items"));
        Assert.Equal(2L, item["q"]);
        Assert.Equal(order["_dlt_id"], item["_dlt_parent_id"]);
        Assert.Equal(0L, item["_dlt_list_idx"]);
    }

    [Fact]
    public async Task Row_ids_are_unique_across_root_and_child_rows()
    {
        // Given / When
        using var run = await NormalizeRun.OfAsync(Json.Resource("users", WorkedExample, WorkedExample));

        // Then
        var ids = run.DataTableNames.SelectMany(t => run.Rows(t)).Select(r => (string)r["_dlt_id"]!).ToList();
        Assert.Equal(10, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Equal(14, id.Length));
    }

    [Fact]
    public async Task System_columns_carry_dlt_types_and_hints()
    {
        // Given / When
        using var run = await NormalizeRun.OfAsync(Json.Resource("users", WorkedExample));

        // Then
        Assert.Equal("text", run.DataType("users", "_dlt_load_id"));
        Assert.False(run.Flag("users", "_dlt_load_id", "nullable"));
        Assert.Equal("text", run.DataType("users", "_dlt_id"));
        Assert.False(run.Flag("users", "_dlt_id", "nullable"));
        Assert.True(run.Flag("users", "_dlt_id", "unique"));
        Assert.True(run.Flag("users", "_dlt_id", "row_key"));
        Assert.Equal("text", run.DataType("users__tags", "_dlt_parent_id"));
        Assert.False(run.Flag("users__tags", "_dlt_parent_id", "nullable"));
        Assert.True(run.Flag("users__tags", "_dlt_parent_id", "parent_key"));
        Assert.Equal("bigint", run.DataType("users__tags", "_dlt_list_idx"));
        Assert.False(run.Flag("users__tags", "_dlt_list_idx", "nullable"));
        Assert.False(run.Table("users__tags").GetProperty("columns").TryGetProperty("_dlt_load_id", out _));
    }

    [Fact]
    public async Task Flattens_nested_objects_level_by_level_taking_nested_objects_last_first()
    {
        // Given
        var resource = Json.Resource("t", """{"a": {"x": 1}, "b": {"y": 2}, "c": 3}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(["c", "b__y", "a__x", "_dlt_load_id", "_dlt_id"], run.ColumnNames("t"));
        var row = Assert.Single(run.Rows("t"));
        Assert.Equal(1L, row["a__x"]);
        Assert.Equal(2L, row["b__y"]);
        Assert.Equal(3L, row["c"]);
    }

    [Fact]
    public async Task Flattens_nested_objects_with_double_underscore_at_every_depth()
    {
        // Given
        var resource = Json.Resource("t", """{"a": {"b": {"c": {"d": "deep"}}}}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(["a__b__c__d", "_dlt_load_id", "_dlt_id"], run.ColumnNames("t"));
        Assert.Equal("deep", Assert.Single(run.Rows("t"))["a__b__c__d"]);
    }

    [Fact]
    public async Task A_column_first_seen_in_a_later_row_is_appended_after_the_system_columns()
    {
        // Given
        var resource = Json.Resource("t", """{"a": 1}""", """{"a": 2, "b": "x"}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(["a", "_dlt_load_id", "_dlt_id", "b"], run.ColumnNames("t"));
        var rows = run.Rows("t");
        Assert.Null(rows[0]["b"]);
        Assert.Equal("x", rows[1]["b"]);
    }

    [Fact]
    public async Task A_list_nested_in_an_object_becomes_a_child_table_named_by_its_path()
    {
        // Given
        var resource = Json.Resource("zen", """{"a": {"b": [{"c": 1}]}}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(["zen", "zen__a__b"], run.DataTableNames);
        Assert.Equal("zen", run.Parent("zen__a__b"));
        Assert.Equal(["c", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"], run.ColumnNames("zen__a__b"));
        Assert.Equal(["_dlt_load_id", "_dlt_id"], run.ColumnNames("zen"));
    }

    [Fact]
    public async Task A_row_that_brings_its_own_dlt_id_keeps_it()
    {
        // Given
        var resource = Json.Resource("t", """{"_dlt_id": "mine", "tags": ["a"]}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        var row = Assert.Single(run.Rows("t"));
        Assert.Equal("mine", row["_dlt_id"]);
        Assert.Equal("mine", Assert.Single(run.Rows("t__tags"))["_dlt_parent_id"]);
    }

    [Fact]
    public async Task Blank_keys_become_empty_columns_at_every_depth()
    {
        // Given
        var resource = Json.Resource("t", """{"": 1, "b": {"": 2}}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(["_empty", "b___empty", "_dlt_load_id", "_dlt_id"], run.ColumnNames("t"));
    }

    [Fact]
    public async Task Parquet_files_hold_the_schema_columns_in_schema_order()
    {
        // Given / When
        using var run = await NormalizeRun.OfAsync(Json.Resource("users", WorkedExample, """{"id": 2, "extra": true}"""));

        // Then
        foreach (var table in run.DataTableNames)
        {
            Assert.Equal(run.ColumnNames(table), ParquetRows.ColumnNames(Assert.Single(run.JobFiles(table))));
        }
    }
}
