using Dlt.DuckDb;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.DuckDb;

/// <summary>The row id columns of new DuckDB tables are stored uncompressed; the others keep DuckDB's compression.</summary>
public sealed class RowIdStorageTests : IDisposable
{
    private readonly TempPipelineDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Row_ids_of_parent_and_child_tables_are_stored_uncompressed_and_other_text_is_compressed()
    {
        // Given 20,000 orders with a repetitive status and two lines each
        static IEnumerable<Dictionary<string, object?>> Orders() =>
            Enumerable.Range(0, 20_000).Select(i => new Dictionary<string, object?>
            {
                ["id"] = i,
                ["status"] = i % 3 == 0 ? "shipped" : "open",
                ["lines"] = new[] { new Dictionary<string, object?> { ["sku"] = $"sku-{i % 7}" }, new Dictionary<string, object?> { ["sku"] = "sku-x" } },
            });

        // When
        await Pipeline.Create("test_pipeline", DuckDbDestination.Create(_dir.DatabasePath), "test_data", _dir.Options).RunAsync(Resource.Create("orders", Orders()));

        // Then DuckDB's storage (written at the checkpoint when the load closed the file) says so per column
        using var db = _dir.OpenDatabase();
        Assert.Equal(["Uncompressed"], Compressions(db, "orders", "_dlt_id"));
        Assert.Equal(["Uncompressed"], Compressions(db, "orders__lines", "_dlt_id"));
        Assert.Equal(["Uncompressed"], Compressions(db, "orders__lines", "_dlt_parent_id"));
        Assert.DoesNotContain("Uncompressed", Compressions(db, "orders", "status"));
        Assert.Equal(20_000L, db.Count("orders"));
        Assert.Equal(40_000L, db.Count("orders__lines"));
    }

    private static List<string> Compressions(DuckDbReader db, string table, string column) =>
        [.. db.Query($"SELECT DISTINCT compression FROM pragma_storage_info('test_data.{table}') WHERE column_name = '{column}' AND segment_type = 'VARCHAR'")
            .Select(row => (string)row[0]!)];
}
