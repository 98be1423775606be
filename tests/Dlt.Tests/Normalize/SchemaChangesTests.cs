using Dlt.Normalize;
using Dlt.Schemas;
using Dlt.Schemas.Naming;

namespace Dlt.Tests.Normalize;

/// <summary>What a parallel segment assumed of earlier segments holds in the merged schema only if it is there as it was.</summary>
public sealed class SchemaChangesTests
{
    [Fact]
    public void Assumed_tables_and_columns_hold_when_the_merged_schema_has_them_with_the_same_types()
    {
        var assumed = Changes(("items", "mixed", DataType.BigInt, false), ("items", "mixed__v_text", DataType.Text, true));
        var merged = Merged(("items", "mixed", DataType.BigInt, false), ("items", "mixed__v_text", DataType.Text, true), ("items", "other", DataType.Text, false));

        Assert.True(assumed.HoldsIn(merged));
    }

    [Theory]
    [InlineData("missing table")]
    [InlineData("missing column")]
    [InlineData("other type")]
    [InlineData("not a variant")]
    [InlineData("not complete")]
    public void Assumed_columns_do_not_hold_when_the_merged_schema_lacks_them_or_types_them_otherwise(string difference)
    {
        var assumed = Changes(("items", "mixed", DataType.BigInt, true));
        var merged = difference switch
        {
            "missing table" => Merged(("others", "mixed", DataType.BigInt, true)),
            "missing column" => Merged(("items", "id", DataType.BigInt, false)),
            "other type" => Merged(("items", "mixed", DataType.Text, true)),
            "not a variant" => Merged(("items", "mixed", DataType.BigInt, false)),
            _ => Merged(("items", "mixed", null, true)),
        };

        Assert.False(assumed.HoldsIn(merged));
    }

    private static SchemaChanges Changes(params (string Table, string Column, DataType? Type, bool Variant)[] columns)
    {
        var changes = new SchemaChanges();
        foreach (var (table, column, type, variant) in columns)
        {
            changes.TableAdded(new TableSchema(table));
            changes.ColumnAdded(table, new ColumnSchema(column, type) { Variant = variant });
        }

        return changes;
    }

    private static Schema Merged(params (string Table, string Column, DataType? Type, bool Variant)[] columns)
    {
        var schema = new Schema("test", new SnakeCaseNaming());
        foreach (var (table, column, type, variant) in columns)
        {
            if (!schema.TryGetTable(table, out var existing))
            {
                existing = new TableSchema(table);
                schema.AddTable(existing);
            }

            existing.SetColumn(new ColumnSchema(column, type) { Variant = variant });
        }

        return schema;
    }
}
