using Dlt.Schemas.Naming;
using Dlt.Schemas;

namespace Dlt.Tests.Schemas;

/// <summary>The schema contract type: dlt's string and dictionary forms, storage in the schema, and resolution per table.</summary>
public sealed class SchemaContractTests
{
    [Theory]
    [InlineData("evolve", ContractMode.Evolve)]
    [InlineData("freeze", ContractMode.Freeze)]
    [InlineData("discard_row", ContractMode.DiscardRow)]
    [InlineData("discard_value", ContractMode.DiscardValue)]
    public void A_mode_string_sets_all_three_entities(string text, ContractMode mode)
    {
        var contract = SchemaContract.Parse(text);

        Assert.Equal((mode, mode, mode), (contract.Tables, contract.Columns, contract.DataType));
        Assert.Equal(text, contract.ToString());
    }

    [Fact]
    public void A_dictionary_sets_only_the_entities_it_names()
    {
        var contract = SchemaContract.Parse("""{"columns": "freeze", "data_type": "discard_row"}""");

        Assert.Equal(new SchemaContract { Columns = ContractMode.Freeze, DataType = ContractMode.DiscardRow }, contract);
        Assert.Null(contract.Tables);
        Assert.Equal("""{"columns": "freeze", "data_type": "discard_row"}""", contract.ToString());
    }

    [Theory]
    [InlineData("frozen")]
    [InlineData("""{"rows": "freeze"}""")]
    [InlineData("""{"tables": 1}""")]
    public void Unknown_modes_and_entities_are_rejected_with_what_is_accepted(string text)
    {
        var error = Assert.Throws<FormatException>(() => SchemaContract.Parse(text));

        Assert.Matches("use '(evolve|tables)'|must be a mode string", error.Message);
    }

    [Fact]
    public void Equal_modes_are_equal_whichever_form_set_them()
    {
        Assert.Equal(SchemaContract.Freeze, new SchemaContract { Tables = ContractMode.Freeze, Columns = ContractMode.Freeze, DataType = ContractMode.Freeze });
        Assert.NotEqual(SchemaContract.Freeze, new SchemaContract { Tables = ContractMode.Freeze });
    }

    [Fact]
    public void The_schema_json_stores_contracts_as_dlt_does_and_reads_them_back()
    {
        // Given a schema-level shorthand, a table-level dictionary and an evolve-columns-once table
        var schema = Schema.CreateNew("s", new SnakeCaseNaming());
        schema.SchemaContract = SchemaContract.Freeze;
        var table = new TableSchema("items") { SchemaContract = new SchemaContract { Columns = ContractMode.DiscardValue }, EvolveColumnsOnce = true };
        schema.AddTable(table);

        // When
        var json = System.Text.Encoding.UTF8.GetString(SchemaJson.ToUtf8(schema, indented: false));
        var read = SchemaJson.Parse(SchemaJson.ToUtf8(schema), new SnakeCaseNaming());

        // Then
        Assert.Contains("\"schema_contract\":{\"columns\":\"discard_value\"}", json, StringComparison.Ordinal);
        Assert.Contains("\"x-normalizer\":{\"evolve-columns-once\":true}", json, StringComparison.Ordinal);
        Assert.EndsWith("\"schema_contract\":\"freeze\"},\"normalizers\":{\"names\":\"snake_case\",\"json\":{\"module\":\"dlt.common.normalizers.json.relational\"}}}", json, StringComparison.Ordinal);
        Assert.Equal(SchemaContract.Freeze, read.SchemaContract);
        Assert.Equal("freeze", read.SchemaContract!.ToString());
        Assert.Equal(new SchemaContract { Columns = ContractMode.DiscardValue }, read.GetTable("items").SchemaContract);
        Assert.True(read.GetTable("items").EvolveColumnsOnce);
    }

    [Fact]
    public void A_nested_table_inherits_the_contract_of_its_root_table_before_the_schema_setting()
    {
        var schema = Schema.CreateNew("s", new SnakeCaseNaming());
        schema.SchemaContract = SchemaContract.Freeze;
        schema.AddTable(new TableSchema("items") { SchemaContract = new SchemaContract { Columns = ContractMode.DiscardRow } });
        schema.AddTable(new TableSchema("items__parts", "items"));
        schema.AddTable(new TableSchema("items__parts__deep", "items__parts"));
        schema.AddTable(new TableSchema("other"));

        Assert.Equal(new ResolvedContract(ContractMode.Evolve, ContractMode.DiscardRow, ContractMode.Evolve), schema.ContractFor(schema.GetTable("items__parts__deep")));
        Assert.Equal(new ResolvedContract(ContractMode.Freeze, ContractMode.Freeze, ContractMode.Freeze), schema.ContractFor(schema.GetTable("other")));
        Assert.Equal(ResolvedContract.Evolve, schema.ContractFor(schema.GetTable("_dlt_loads")));
    }

    [Fact]
    public void A_table_with_only_incomplete_columns_counts_as_new()
    {
        var table = new TableSchema("items");
        table.SetColumn(new ColumnSchema("id", null) { PrimaryKey = true });
        Assert.False(table.HasCompleteColumns);

        table.SetColumn(new ColumnSchema("id", DataType.BigInt) { PrimaryKey = true });
        Assert.True(table.HasCompleteColumns);
    }
}
