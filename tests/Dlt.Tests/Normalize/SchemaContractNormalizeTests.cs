using Dlt.Tests.Support;

namespace Dlt.Tests.Normalize;

/// <summary>Schema contracts at extract and normalize, read back from the stored schema and the Parquet files (reference §4.8).</summary>
public sealed class SchemaContractNormalizeTests
{
    [Fact]
    public async Task All_evolve_contracts_normalize_as_without_contracts()
    {
        using var plain = await NormalizeRun.OfAsync(Json.Resource("t", """{"id": 1, "l": [1]}""", """{"id": "x", "n": 2}"""));
        using var evolve = await NormalizeRun.OfAsync(Json.Resource("t", """{"id": 1, "l": [1]}""", """{"id": "x", "n": 2}""").WithSchemaContract(SchemaContract.Evolve));

        Assert.Equal(plain.ColumnNames("t"), evolve.ColumnNames("t"));
        Assert.Equal(plain.Rows("t").Count, evolve.Rows("t").Count);
        Assert.Equal(plain.Rows("t__l").Count, evolve.Rows("t__l").Count);
    }

    [Fact]
    public async Task The_resource_contract_and_evolve_columns_once_are_stored_on_the_table_until_it_sees_data()
    {
        using var run = new NormalizeRun();
        var resource = Json.Resource("t", """{"id": 1}""").WithSchemaContract(new SchemaContract { Columns = ContractMode.Freeze });

        await run.Pipeline.ExtractAsync([resource]);
        var afterExtract = run.Table("t");
        await run.Pipeline.NormalizeAsync();

        Assert.Equal(new SchemaContract { Columns = ContractMode.Freeze }, SchemaContract.Parse(afterExtract.GetProperty("schema_contract").GetRawText()));
        Assert.Equal(System.Text.Json.JsonValueKind.Object, afterExtract.GetProperty("schema_contract").ValueKind);
        Assert.True(afterExtract.GetProperty("x-normalizer").GetProperty("evolve-columns-once").GetBoolean());
        Assert.False(run.Table("t").GetProperty("x-normalizer").TryGetProperty("evolve-columns-once", out _));
        Assert.True(run.Table("t").GetProperty("x-normalizer").GetProperty("seen-data").GetBoolean());
    }

    [Fact]
    public async Task A_run_contract_goes_to_the_schema_settings_and_every_resource_table()
    {
        using var run = new NormalizeRun();

        var contract = new SchemaContract { Columns = ContractMode.DiscardValue };
        await run.Pipeline.ExtractAsync([Json.Resource("a", """{"x": 1}""").WithSchemaContract(SchemaContract.Freeze), Json.Resource("b", """{"y": 1}""")], contract);

        Assert.Equal(contract, SchemaContract.Parse(run.Schema.GetProperty("settings").GetProperty("schema_contract").GetRawText()));
        Assert.Equal(contract, SchemaContract.Parse(run.Table("a").GetProperty("schema_contract").GetRawText()));
        Assert.Equal(contract, SchemaContract.Parse(run.Table("b").GetProperty("schema_contract").GetRawText()));
    }

    [Fact]
    public async Task A_new_nested_table_takes_the_columns_of_its_first_row_only()
    {
        // Given a root table that exists, and a contract freezing nothing but discarding new columns' values
        using var run = await NormalizeRun.OfAsync(Json.Resource("t", """{"id": 0}"""));
        var contract = new SchemaContract { Columns = ContractMode.DiscardValue };

        // When a new nested table appears, its first row with a and its second with a and b
        await run.ExtractAndNormalizeAsync(Json.Resource("t", """{"id": 1, "l": [{"a": 1}, {"a": 2, "b": 2}]}""").WithSchemaContract(contract));

        // Then the nested table is created with a (new table), but b of the second row is dropped (dlt's per-row "new table")
        Assert.Equal(["a", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"], run.ColumnNames("t__l"));
        Assert.Equal([1L, 2L], run.Rows("t__l").Select(r => r["a"]));
    }

    [Fact]
    public async Task Columns_of_the_first_row_of_a_new_table_all_pass_a_frozen_columns_contract()
    {
        using var run = await NormalizeRun.OfAsync(Json.Resource("t", """{"id": 0}"""));

        await run.ExtractAndNormalizeAsync(Json.Resource("t", """{"id": 1, "l": [{"a": 1, "b": "x", "c": true}]}""").WithSchemaContract(new SchemaContract { Columns = ContractMode.Freeze }));

        Assert.Equal(["a", "b", "c", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"], run.ColumnNames("t__l"));
    }

    [Fact]
    public async Task Discard_row_on_a_nested_row_drops_it_and_its_own_nested_rows_but_keeps_its_parent()
    {
        using var run = await NormalizeRun.OfAsync(Json.Resource("t", """{"id": 0, "l": [{"a": 0, "m": [0]}]}"""));

        await run.ExtractAndNormalizeAsync(Json.Resource("t", """{"id": 1, "l": [{"a": 1, "new": 1, "m": [1]}, {"a": 2, "m": [2]}]}""").WithSchemaContract(new SchemaContract { Columns = ContractMode.DiscardRow }));

        Assert.Equal([1L], run.Rows("t").Select(r => r["id"]));
        Assert.Equal([2L], run.Rows("t__l").Select(r => r["a"]));
        Assert.Equal([2L], run.Rows("t__l__m").Select(r => r["value"]));
        Assert.DoesNotContain("new", run.ColumnNames("t__l"));
    }

    [Fact]
    public async Task Dlt_columns_in_the_data_are_exempt_from_a_frozen_contract()
    {
        using var run = await NormalizeRun.OfAsync(Json.Resource("t", """{"id": 0}"""));

        await run.ExtractAndNormalizeAsync(Json.Resource("t", """{"id": 1, "_dlt_extra": "x"}""").WithSchemaContract(SchemaContract.Freeze));

        Assert.Contains("_dlt_extra", run.ColumnNames("t"));
    }

    [Fact]
    public async Task A_declared_column_new_to_an_existing_table_is_dropped_under_discard_value()
    {
        using var run = await NormalizeRun.OfAsync(Json.Resource("t", """{"id": 0}"""));

        await run.ExtractAndNormalizeAsync(Json.Resource("t", """{"id": 1}""").WithColumns(new ColumnHint("declared", DataType.Text)).WithSchemaContract(new SchemaContract { Columns = ContractMode.DiscardValue }));

        Assert.DoesNotContain("declared", run.ColumnNames("t"));
    }

    [Fact]
    public async Task A_declared_column_new_to_an_existing_table_fails_extract_under_freeze()
    {
        using var run = await NormalizeRun.OfAsync(Json.Resource("t", """{"id": 0}"""));

        var failure = await Assert.ThrowsAsync<PipelineStepFailedException>(() =>
            run.Pipeline.ExtractAsync([Json.Resource("t", """{"id": 1}""").WithColumns(new ColumnHint("declared", DataType.Text)).WithSchemaContract(new SchemaContract { Columns = ContractMode.Freeze })]));

        var violation = Assert.IsType<SchemaContractViolationException>(failure.InnerException);
        Assert.Equal(("extract", "declared", DataType.Text), (failure.Step, violation.ColumnName, violation.DataType));
    }

    [Fact]
    public async Task A_discarded_table_is_not_added_to_the_schema()
    {
        using var run = await NormalizeRun.OfAsync(Json.Resource("t", """{"id": 0}"""));

        await run.ExtractAndNormalizeAsync([Json.Resource("t", """{"id": 1, "l": [1]}"""), Json.Resource("u", """{"x": 1}""")], SchemaContract.DiscardRow);

        Assert.Equal(["t"], run.DataTableNames);
        Assert.Equal([1L], run.Rows("t").Select(r => r["id"]));
    }
}
