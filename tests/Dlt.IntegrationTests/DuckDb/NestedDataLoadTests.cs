using Dlt.TestKit;

namespace Dlt.IntegrationTests.DuckDb;

public sealed class NestedDataLoadTests : IDisposable
{
    private readonly TempPipelineDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Loads_nested_items_into_parent_and_child_tables_linked_by_ids()
    {
        // Given the worked example of dlt's relational normalizer
        var users = Resource.Create("users", Json.Items(
            """{"id": 1, "name": "A", "address": {"city": "X"}, "tags": ["t1", "t2"], "orders": [{"sku": "s1", "items": [{"q": 2}]}]}"""));

        // When
        var info = await _dir.CreatePipeline().RunAsync(users);

        // Then
        Assert.Single(info.LoadPackages);
        Assert.Equal(LoadPackageState.Loaded, info.LoadPackages[0].State);
        using var db = _dir.OpenDatabase();
        Assert.Equal(
            ["_dlt_loads", "_dlt_pipeline_state", "_dlt_version", "users", "users__orders", "users__orders__items", "users__tags"],
            db.Tables("test_data"));
        Assert.Equal(
            [("id", "BIGINT", true), ("name", "VARCHAR", true), ("address__city", "VARCHAR", true), ("_dlt_load_id", "VARCHAR", false), ("_dlt_id", "VARCHAR", false)],
            db.Columns("test_data", "users"));
        Assert.Equal(
            ["value", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"],
            db.Columns("test_data", "users__tags").Select(c => c.Name));
        var user = db.Query("SELECT id, name, address__city, _dlt_id, _dlt_load_id FROM test_data.users").Single();
        Assert.Equal([1L, "A", "X"], user[..3]);
        var tags = db.Query("SELECT value, _dlt_parent_id, _dlt_list_idx FROM test_data.users__tags ORDER BY _dlt_list_idx");
        Assert.Equal(["t1", "t2"], tags.Select(t => t[0]));
        Assert.All(tags, t => Assert.Equal(user[3], t[1]));
        Assert.Equal([0L, 1L], tags.Select(t => t[2]));
        var order = db.Query("SELECT sku, _dlt_parent_id, _dlt_id FROM test_data.users__orders").Single();
        Assert.Equal("s1", order[0]);
        Assert.Equal(user[3], order[1]);
        var item = db.Query("SELECT q, _dlt_parent_id FROM test_data.users__orders__items").Single();
        Assert.Equal(2L, item[0]);
        Assert.Equal(order[2], item[1]);
        Assert.Equal(user[4], db.Scalar("SELECT load_id FROM test_data._dlt_loads WHERE status = 0"));
    }

    [Fact]
    public async Task Records_with_dotnet_types_keep_their_types_in_the_destination()
    {
        // Given a record with every mapped .NET type
        var when = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc).AddTicks(1230);
        var row = new TypedRow(
            Text: "hello", Int: 42, Big: ulong.MaxValue, Wei: System.Numerics.BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture),
            Ratio: 0.5, Price: 12.34m, Flag: true, At: when, AtOffset: new DateTimeOffset(2024, 5, 6, 9, 8, 9, TimeSpan.FromHours(2)),
            Day: new DateOnly(2024, 5, 6), Clock: new TimeOnly(7, 8, 9), Id: Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"),
            Bytes: [1, 2, 255], Color: ConsoleColor.Red);

        // When
        await _dir.CreatePipeline().RunAsync(Resource.Create("typed", [row]));

        // Then
        using var db = _dir.OpenDatabase();
        var types = db.Columns("test_data", "typed").ToDictionary(c => c.Name, c => c.Type);
        Assert.Equal("VARCHAR", types["text"]);
        Assert.Equal("BIGINT", types["int"]);
        Assert.Equal("DECIMAL(38,0)", types["big"]);
        Assert.Equal("DECIMAL(38,0)", types["wei"]);
        Assert.Equal("DOUBLE", types["ratio"]);
        Assert.Equal("DECIMAL(38,9)", types["price"]);
        Assert.Equal("BOOLEAN", types["flag"]);
        Assert.Equal("TIMESTAMP WITH TIME ZONE", types["at"]);
        Assert.Equal("TIMESTAMP WITH TIME ZONE", types["at_offset"]);
        Assert.Equal("DATE", types["day"]);
        Assert.Equal("TIME", types["clock"]);
        Assert.Equal("VARCHAR", types["id"]);
        Assert.Equal("BLOB", types["bytes"]);
        Assert.Equal("VARCHAR", types["color"]);
        var values = db.Query("SELECT big::VARCHAR, wei::VARCHAR, price::VARCHAR, epoch_us(\"at\"), epoch_us(at_offset), \"day\"::VARCHAR, clock::VARCHAR, id, hex(bytes), color FROM test_data.typed").Single();
        Assert.Equal("18446744073709551615", values[0]);
        Assert.Equal("123456789012345678901234567890", values[1]);
        Assert.Equal("12.340000000", values[2]);
        Assert.Equal((when.Ticks - DateTime.UnixEpoch.Ticks) / 10, values[3]);
        Assert.Equal((new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc).Ticks - DateTime.UnixEpoch.Ticks) / 10, values[4]);
        Assert.Equal("2024-05-06", values[5]);
        Assert.Equal("07:08:09", values[6]);
        Assert.Equal("6f9619ff-8b86-d011-b42d-00cf4fc964ff", values[7]);
        Assert.Equal("0102FF", values[8]);
        Assert.Equal("Red", values[9]);
    }

    [Fact]
    public async Task A_value_that_does_not_fit_the_column_type_goes_to_a_variant_column()
    {
        // Given a column inferred as bigint and a later text value
        var items = Json.Items("""{"zip": 12345}""", """{"zip": "AB-123"}""");

        // When
        await _dir.CreatePipeline().RunAsync(Resource.Create("places", items));

        // Then
        using var db = _dir.OpenDatabase();
        Assert.Equal(["zip", "_dlt_load_id", "_dlt_id", "zip__v_text"], db.Columns("test_data", "places").Select(c => c.Name));
        var rows = db.Query("SELECT zip, zip__v_text FROM test_data.places ORDER BY zip NULLS LAST");
        Assert.Equal([12345L, null], rows[0]);
        Assert.Equal([null, "AB-123"], rows[1]);
    }

    [Fact]
    public async Task Pages_and_items_load_the_same_rows()
    {
        // Given the same rows yielded as pages of two and one by one
        var rows = Enumerable.Range(0, 5).Select(i => new Dictionary<string, object?> { ["n"] = i, ["sq"] = i * i }).ToList();
        var pages = rows.Chunk(2).Select(p => p.ToList());

        // When
        await _dir.CreatePipeline().RunAsync(Resource.Create("items", rows), Resource.Create("pages", pages));

        // Then
        using var db = _dir.OpenDatabase();
        var fromItems = db.Query("SELECT n, sq FROM test_data.items ORDER BY n").Select(r => (r[0], r[1]));
        var fromPages = db.Query("SELECT n, sq FROM test_data.pages ORDER BY n").Select(r => (r[0], r[1]));
        Assert.Equal(5, fromPages.Count());
        Assert.Equal(fromItems, fromPages);
    }

    [Fact]
    public async Task Async_resources_are_drained()
    {
        // Given an async generator
        static async IAsyncEnumerable<Dictionary<string, object?>> Events()
        {
            for (var i = 0; i < 3; i++)
            {
                await Task.Yield();
                yield return new Dictionary<string, object?> { ["seq"] = i };
            }
        }

        // When
        await _dir.CreatePipeline().RunAsync(Resource.Create("events", Events()));

        // Then
        using var db = _dir.OpenDatabase();
        Assert.Equal(3L, db.Count("test_data", "events"));
    }

    private sealed record TypedRow(
        string Text, int Int, ulong Big, System.Numerics.BigInteger Wei, double Ratio, decimal Price, bool Flag, DateTime At,
        DateTimeOffset AtOffset, DateOnly Day, TimeOnly Clock, Guid Id, byte[] Bytes, ConsoleColor Color);
}
