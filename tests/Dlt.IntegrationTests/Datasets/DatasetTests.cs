using Apache.Arrow;
using Apache.Arrow.Types;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Datasets;

/// <summary><c>pipeline.Dataset()</c> on DuckDB and PostgreSQL: tables, row counts, rows as dictionaries and records, SQL, Arrow batches.</summary>
public sealed class DatasetTests
{
    private sealed record Order(long Id, string Customer, decimal Amount, bool Paid);

    private static async Task<Pipeline> LoadAsync(TestDestination destination)
    {
        var pipeline = destination.CreatePipeline();
        var orders = Enumerable.Range(1, 25).Select(i => new
        {
            id = i,
            customer = $"c{i % 3}",
            amount = i * 1.5m,
            paid = i % 2 == 0,
            created_at = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i),
            note = i == 1 ? null : "n",
            lines = new[] { new { sku = $"S{i}" } },
        });
        await pipeline.RunAsync(Resource.Create("orders", orders), Resource.Create("customers", [new { id = 1 }]));
        return pipeline;
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Lists_tables_with_row_counts_and_reads_rows_as_dictionaries_and_records(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var dataset = (await LoadAsync(destination)).Dataset();

        var counts = await dataset.RowCountsAsync();
        var withDlt = await dataset.TablesAsync(includeDltTables: true);
        var first = await dataset.ReadTableAsync("orders", limit: 3).ToListAsync();
        var records = await dataset.QueryAsync<Order>("SELECT id, customer, amount, paid FROM orders WHERE id <= 2 ORDER BY id").ToListAsync();
        var grouped = await dataset.QueryAsync("SELECT customer, COUNT(*) AS n FROM orders GROUP BY customer ORDER BY customer").ToListAsync();

        Assert.Equal([new TableRowCount("customers", 1), new TableRowCount("orders", 25), new TableRowCount("orders__lines", 25)], counts);
        Assert.Contains("_dlt_loads", withDlt);
        Assert.Equal(3, first.Count);
        Assert.Contains("_dlt_id", first[0].Keys);
        Assert.Equal(["id", "customer", "amount", "paid", "created_at", "note"], first[0].Keys.Where(k => !k.StartsWith("_dlt", StringComparison.Ordinal)));
        var one = Assert.Single(first, r => Convert.ToInt64(r["id"], System.Globalization.CultureInfo.InvariantCulture) == 1);
        Assert.Null(one["note"]);
        Assert.Equal([new Order(1, "c1", 1.5m, false), new Order(2, "c2", 3.0m, true)], records);
        Assert.Equal([("c0", 8L), ("c1", 9L), ("c2", 8L)], grouped.Select(r => ((string)r["customer"]!, Convert.ToInt64(r["n"], System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Reads_a_table_as_arrow_batches_with_typed_columns(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var dataset = (await LoadAsync(destination)).Dataset();

        var batches = await dataset.QueryArrowAsync("SELECT id, customer, amount, paid, created_at, note FROM orders ORDER BY id", batchSize: 10).ToListAsync();
        var all = await dataset.ReadTableArrowAsync("orders").ToListAsync();

        Assert.Equal([10, 10, 5], batches.Select(b => b.Length));
        Assert.Equal(25, Assert.Single(all).Length);
        var schema = batches[0].Schema;
        Assert.Equal(ArrowTypeId.Int64, schema.GetFieldByName("id").DataType.TypeId);
        Assert.Equal(ArrowTypeId.String, schema.GetFieldByName("customer").DataType.TypeId);
        var amount = Assert.IsType<Decimal128Type>(schema.GetFieldByName("amount").DataType);
        Assert.Equal((38, 9), (amount.Precision, amount.Scale));
        Assert.Equal(ArrowTypeId.Boolean, schema.GetFieldByName("paid").DataType.TypeId);
        var created = Assert.IsType<TimestampType>(schema.GetFieldByName("created_at").DataType);
        Assert.Equal((TimeUnit.Microsecond, "UTC"), (created.Unit, created.Timezone));
        var last = batches[2];
        Assert.Equal(25L, ((Int64Array)last.Column("id")).GetValue(4));
        Assert.Equal("c1", ((StringArray)last.Column("customer")).GetString(4));
        Assert.Equal(37.5m, ((Decimal128Array)last.Column("amount")).GetValue(4));
        Assert.False(((BooleanArray)last.Column("paid")).GetValue(4));
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 1, 0, 0, TimeSpan.Zero), ((TimestampArray)last.Column("created_at")).GetTimestamp(4));
        Assert.True(((StringArray)batches[0].Column("note")).IsNull(0));
        Assert.Equal("n", ((StringArray)batches[0].Column("note")).GetString(1));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_failing_query_names_the_dataset_and_the_reason(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var dataset = (await LoadAsync(destination)).Dataset();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await dataset.QueryAsync("SELECT * FROM no_such_table").ToListAsync());

        Assert.Contains($"The query on dataset '{dataset.Name}' of {kind}", error.Message, StringComparison.Ordinal);
        Assert.Contains("no_such_table", error.Message, StringComparison.Ordinal);
    }
}
