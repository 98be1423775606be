using Dlt.IntegrationTests.Support;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Destinations;

/// <summary>Nested data, types and variants, against every destination.</summary>
public sealed class NestedDataLoadTests
{
    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Loads_nested_items_into_parent_and_child_tables_linked_by_ids(string kind)
    {
        // Given the worked example of dlt's relational normalizer
        using var destination = TestDestination.Create(kind);
        var users = Resource.Create("users", Json.Items(
            """{"id": 1, "name": "A", "address": {"city": "X"}, "tags": ["t1", "t2"], "orders": [{"sku": "s1", "items": [{"q": 2}]}]}"""));

        // When
        var info = await destination.CreatePipeline().RunAsync(users);

        // Then
        Assert.Single(info.LoadPackages);
        Assert.Equal(LoadPackageState.Loaded, info.LoadPackages[0].State);
        using var db = destination.OpenReader();
        Assert.Equal(
            ["_dlt_completed_jobs", "_dlt_loads", "_dlt_pipeline_state", "_dlt_version", "users", "users__orders", "users__orders__items", "users__tags"],
            db.Tables());
        Assert.Equal(
            [("id", "bigint", true), ("name", "text", true), ("address__city", "text", true), ("_dlt_load_id", "text", false), ("_dlt_id", "text", false)],
            db.Columns("users").Select(c => (c.Name, c.DltType, c.Nullable)));
        Assert.Equal(["value", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"], db.ColumnNames("users__tags"));
        var user = db.Query($"SELECT id, name, address__city, _dlt_id, _dlt_load_id FROM {db.Table("users")}").Single();
        Assert.Equal([1L, "A", "X"], user[..3]);
        var tags = db.Query($"SELECT value, _dlt_parent_id, _dlt_list_idx FROM {db.Table("users__tags")} ORDER BY _dlt_list_idx");
        Assert.Equal(["t1", "t2"], tags.Select(t => t[0]));
        Assert.All(tags, t => Assert.Equal(user[3], t[1]));
        Assert.Equal([0L, 1L], tags.Select(t => t[2]));
        var order = db.Query($"SELECT sku, _dlt_parent_id, _dlt_id FROM {db.Table("users__orders")}").Single();
        Assert.Equal("s1", order[0]);
        Assert.Equal(user[3], order[1]);
        var item = db.Query($"SELECT q, _dlt_parent_id FROM {db.Table("users__orders__items")}").Single();
        Assert.Equal(2L, item[0]);
        Assert.Equal(order[2], item[1]);
        Assert.Equal(user[4], db.Scalar($"SELECT load_id FROM {db.Table("_dlt_loads")} WHERE status = 0"));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Records_with_dotnet_types_keep_their_types_in_the_destination(string kind)
    {
        // Given a record with every mapped .NET type
        using var destination = TestDestination.Create(kind);
        var when = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc).AddTicks(1230);
        var row = new TypedRow(
            Text: "hello", Int: 42, Big: ulong.MaxValue, Wei: System.Numerics.BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture),
            Ratio: 0.5, Price: 12.34m, Flag: true, At: when, AtOffset: new DateTimeOffset(2024, 5, 6, 9, 8, 9, TimeSpan.FromHours(2)),
            Day: new DateOnly(2024, 5, 6), Clock: new TimeOnly(7, 8, 9), Id: Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff"),
            Bytes: [1, 2, 255], Color: ConsoleColor.Red, Doc: new Dictionary<string, object> { ["k"] = new[] { 1, 2 } });

        // When
        await destination.CreatePipeline().RunAsync(Resource.Create("typed", [row]).WithMaxTableNesting(0));

        // Then
        using var db = destination.OpenReader();
        var types = db.Columns("typed").ToDictionary(c => c.Name, c => c.DltType);
        Assert.Equal("text", types["text"]);
        Assert.Equal("bigint", types["int"]);
        Assert.Equal("wei", types["big"]);
        Assert.Equal("wei", types["wei"]);
        Assert.Equal("double", types["ratio"]);
        Assert.Equal("decimal", types["price"]);
        Assert.Equal("bool", types["flag"]);
        Assert.Equal("timestamp", types["at"]);
        Assert.Equal("timestamp", types["at_offset"]);
        Assert.Equal("date", types["day"]);
        Assert.Equal("time", types["clock"]);
        Assert.Equal("text", types["id"]);
        Assert.Equal("binary", types["bytes"]);
        Assert.Equal("text", types["color"]);
        Assert.Equal("json", types["doc"]);
        var values = db.Query(
            $"SELECT {db.IntegerText("big")}, {db.IntegerText("wei")}, {db.AsText("price")}, {db.EpochMicros("\"at\"")}, {db.EpochMicros("at_offset")}, " +
            $"{db.AsText("\"day\"")}, {db.AsText("clock")}, id, {db.Hex("bytes")}, color, ratio, flag, {db.AsText("doc")} FROM {db.Table("typed")}").Single();
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
        Assert.Equal(0.5, values[10]);
        Assert.Equal(true, values[11]);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(
            System.Text.Json.Nodes.JsonNode.Parse("""{"k": [1, 2]}"""), System.Text.Json.Nodes.JsonNode.Parse((string)values[12]!)));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_value_that_does_not_fit_the_column_type_goes_to_a_variant_column(string kind)
    {
        // Given a column inferred as bigint and a later text value
        using var destination = TestDestination.Create(kind);
        var items = Json.Items("""{"zip": 12345}""", """{"zip": "AB-123"}""");

        // When
        await destination.CreatePipeline().RunAsync(Resource.Create("places", items));

        // Then
        using var db = destination.OpenReader();
        Assert.Equal(["zip", "_dlt_load_id", "_dlt_id", "zip__v_text"], db.ColumnNames("places"));
        var rows = db.Query($"SELECT zip, zip__v_text FROM {db.Table("places")} ORDER BY zip NULLS LAST");
        Assert.Equal([12345L, null], rows[0]);
        Assert.Equal([null, "AB-123"], rows[1]);
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Integers_beyond_64_bits_keep_their_exact_digits_as_wei(string kind)
    {
        // When
        using var destination = TestDestination.Create(kind);
        await destination.CreatePipeline().RunAsync(Resource.Create("big", Json.Items("""{"n": 1}""", """{"n": 18717863018200000000000}""")));

        // Then
        using var db = destination.OpenReader();
        Assert.Equal("18717863018200000000000", db.Scalar($"SELECT {db.IntegerText("n__v_wei")} FROM {db.Table("big")} WHERE n__v_wei IS NOT NULL"));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Empty_text_null_and_non_ascii_text_keep_their_values(string kind)
    {
        // Given empty strings, nulls, and text beyond ASCII (accents, CJK, an emoji outside the BMP)
        using var destination = TestDestination.Create(kind);
        var items = Json.Items(
            """{"id": 1, "s": "", "doc": {"k": ""}}""",
            """{"id": 2, "s": null, "doc": null}""",
            """{"id": 3, "s": "é日本😀", "doc": {"k": "😀"}}""");

        // When
        await destination.CreatePipeline().RunAsync(Resource.Create("texts", items).WithMaxTableNesting(0));

        // Then
        using var db = destination.OpenReader();
        var rows = db.Query($"SELECT id, s, {db.AsText("doc")} FROM {db.Table("texts")} ORDER BY id");
        Assert.Equal([1L, ""], rows[0][..2]);
        Assert.Equal([2L, null, null], rows[1]);
        Assert.Equal([3L, "é日本😀"], rows[2][..2]);
        Assert.Equal("", System.Text.Json.Nodes.JsonNode.Parse((string)rows[0][2]!)!["k"]!.GetValue<string>());
        Assert.Equal("😀", System.Text.Json.Nodes.JsonNode.Parse((string)rows[2][2]!)!["k"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Pages_and_items_load_the_same_rows(string kind)
    {
        // Given the same rows yielded as pages of two and one by one
        using var destination = TestDestination.Create(kind);
        var rows = Enumerable.Range(0, 5).Select(i => new Dictionary<string, object?> { ["n"] = i, ["sq"] = i * i }).ToList();
        var pages = rows.Chunk(2).Select(p => p.ToList());

        // When
        await destination.CreatePipeline().RunAsync(Resource.Create("items", rows), Resource.Create("pages", pages));

        // Then
        using var db = destination.OpenReader();
        var fromItems = db.Query($"SELECT n, sq FROM {db.Table("items")} ORDER BY n").Select(r => (r[0], r[1]));
        var fromPages = db.Query($"SELECT n, sq FROM {db.Table("pages")} ORDER BY n").Select(r => (r[0], r[1]));
        Assert.Equal(5, fromPages.Count());
        Assert.Equal(fromItems, fromPages);
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Async_resources_are_drained(string kind)
    {
        // Given an async generator
        using var destination = TestDestination.Create(kind);
        static async IAsyncEnumerable<Dictionary<string, object?>> Events()
        {
            for (var i = 0; i < 3; i++)
            {
                await Task.Yield();
                yield return new Dictionary<string, object?> { ["seq"] = i };
            }
        }

        // When
        await destination.CreatePipeline().RunAsync(Resource.Create("events", Events()));

        // Then
        using var db = destination.OpenReader();
        Assert.Equal(3L, db.Count("events"));
    }

    private sealed record TypedRow(
        string Text, int Int, ulong Big, System.Numerics.BigInteger Wei, double Ratio, decimal Price, bool Flag, DateTime At,
        DateTimeOffset AtOffset, DateOnly Day, TimeOnly Clock, Guid Id, byte[] Bytes, ConsoleColor Color, Dictionary<string, object> Doc);
}
