using Dlt.Normalize;
using Dlt.Progress;
using Dlt.Schemas;
using Dlt.Storage;

namespace Dlt.Tests.Normalize;

public sealed class TableOutputTests
{
    [Fact]
    public void A_remembered_column_index_is_used_only_while_the_table_still_has_the_column_there()
    {
        // Given a table whose columns b (declared by a hint, not yet typed) and a the output has looked up
        var table = new TableSchema("events");
        table.SetColumn(new ColumnSchema("b", null));
        table.SetColumn(new ColumnSchema("a", DataType.BigInt));
        using var writer = new TableFileWriter(table, Path.GetTempPath(), new WriterSettings(), ProgressReporter.None.Counter("events"));
        var output = new TableOutput(writer);
        const string a = "a";
        Assert.Equal(1, output.IndexOf(table, 0, a));
        Assert.Equal(-1, output.IndexOf(table, 1, "c"));

        // When the columns move (the typed a first) and c is added
        table.OrderColumnsAsCompleted();
        table.SetColumn(new ColumnSchema("c", DataType.Double));

        // Then each slot gives the column's index now, as the table does
        Assert.Equal(0, table.IndexOf("a"));
        Assert.Equal(0, output.IndexOf(table, 0, a));
        Assert.Equal(2, output.IndexOf(table, 1, "c"));
        Assert.Equal(2, output.IndexOf(table, 1, "c"));
        Assert.Equal(table.IndexOf("b"), output.IndexOf(table, 40, "b"));
    }
}
