using System.Text;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Hostile;

/// <summary>
/// Hostile input, against every destination: each case either loads a table whose contents are
/// asserted, or fails naming the resource, the item and what to do. In both cases what a first run
/// loaded is unharmed and a rerun with good data proceeds.
/// </summary>
public sealed class HostileInputTests
{
    private const string Table = "events";

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_malformed_raw_json_line_fails_extract_as_a_parse_error_naming_resource_item_and_byte(string kind)
    {
        // Given a table loaded by a first run
        using var destination = TestDestination.Create(kind);
        await LoadGoodRowsAsync(destination, 1, 2);

        // When a run's raw JSON lines hold a malformed line in the middle (a missing ':' at byte 17)
        var lines = new[] { """{"id": 3}""", """{"id": 4, "name" "d"}""", """{"id": 5}""" }.Select(RawJson.FromString);
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => destination.CreatePipeline().RunAsync(Resource.Create(Table, lines)));

        // Then extract fails with a parse error that says where, and nothing of that run is loaded or pending
        Assert.Equal("extract", error.Step);
        Assert.Contains(
            "Item 1 of resource 'events' (RawJson, 21 bytes) is not valid JSON: JSON parse error at byte offset 17 (line 1): '\"' is invalid after a property name. Expected a ':'.",
            error.Message,
            StringComparison.Ordinal);
        Assert.Contains("fix the data at its source", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("serialized", error.Message, StringComparison.Ordinal);
        await AssertEarlierRowsKeptAndRerunLoadsAsync(destination);
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_raw_json_item_spanning_lines_reports_the_line_of_the_parse_error(string kind)
    {
        // Given a table loaded by a first run
        using var destination = TestDestination.Create(kind);
        await LoadGoodRowsAsync(destination, 1, 2);

        // When a pretty-printed raw item has a trailing comma on its third line
        var item = RawJson.FromString("{\n  \"id\": 3,\n  \"name\": \"c\",\n}");
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => destination.CreatePipeline().RunAsync(Resource.Create(Table, new[] { item })));

        // Then the error names line 4 (where '}' follows the comma) and its byte offset in the item
        Assert.Equal("extract", error.Step);
        Assert.Contains("Item 0 of resource 'events' (RawJson, 29 bytes) is not valid JSON: JSON parse error at byte offset 28 (line 4):", error.Message, StringComparison.Ordinal);
        await AssertEarlierRowsKeptAndRerunLoadsAsync(destination);
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Invalid_utf8_in_a_raw_json_item_fails_extract_naming_the_byte_offset(string kind)
    {
        // Given a table loaded by a first run
        using var destination = TestDestination.Create(kind);
        await LoadGoodRowsAsync(destination, 1, 2);

        // When a raw item's string holds the invalid UTF-8 sequence C3 28 at byte 19
        var bytes = Encoding.UTF8.GetBytes("""{"id": 3, "name": "??"}""");
        bytes[19] = 0xC3;
        bytes[20] = 0x28;
        var items = new[] { RawJson.FromString("""{"id": 3}"""), new RawJson(bytes) };
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => destination.CreatePipeline().RunAsync(Resource.Create(Table, items)));

        // Then
        Assert.Equal("extract", error.Step);
        Assert.Contains(
            "Item 1 of resource 'events' (RawJson, 23 bytes) is not valid JSON: JSON parse error at byte offset 19 (line 1): the bytes there are not valid UTF-8.",
            error.Message,
            StringComparison.Ordinal);
        await AssertEarlierRowsKeptAndRerunLoadsAsync(destination);
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_lone_surrogate_in_a_string_loads_as_the_replacement_character(string kind)
    {
        // Given a table loaded by a first run
        using var destination = TestDestination.Create(kind);
        await LoadGoodRowsAsync(destination, 1, 2);

        // When a string holds a lone surrogate (text that no UTF-8 can encode)
        var item = new Dictionary<string, object?> { ["id"] = 3, ["name"] = "a\uD800b" };
        await destination.CreatePipeline().RunAsync(Resource.Create(Table, new[] { item }));

        // Then the row is loaded with U+FFFD in its place, as .NET's UTF-8 encoders write it
        using var db = destination.OpenReader();
        Assert.Equal("a\uFFFDb", db.Scalar($"SELECT name FROM {db.Table(Table)} WHERE id = 3"));
        Assert.Equal(3L, db.Count(Table));
        await AssertEarlierRowsKeptAndRerunLoadsAsync(destination, rowsBefore: 3);
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Objects_nested_500_levels_deep_load_into_one_column_named_by_dlts_shortening_rule(string kind)
    {
        // Given a table loaded by a first run
        using var destination = TestDestination.Create(kind);
        await LoadGoodRowsAsync(destination, 1, 2);

        // When an item nests 500 objects: the root, 498 objects under "n", and {"v": "deep"}
        object nested = new Dictionary<string, object?> { ["v"] = "deep" };
        for (var i = 0; i < 498; i++)
        {
            nested = new Dictionary<string, object?> { ["n"] = nested };
        }

        var item = new Dictionary<string, object?> { ["id"] = 3, ["n"] = nested };
        await destination.CreatePipeline().RunAsync(Resource.Create(Table, new[] { item }));

        // Then the leaf is one text column whose name is the 500 keys joined by "__", shortened as dlt
        // shortens it for the destination's identifier limit (none for DuckDB, 63 for PostgreSQL)
        var fullName = string.Join("__", Enumerable.Repeat("n", 499).Append("v"));
        var column = kind == TestDestination.Postgres ? DltIdentifier.Shorten(fullName, 63) : fullName;
        using var db = destination.OpenReader();
        Assert.Equal(
            [("id", "bigint"), ("name", "text"), ("_dlt_load_id", "text"), ("_dlt_id", "text"), (column, "text")],
            db.Columns(Table).Select(c => (c.Name, c.DltType)));
        Assert.Equal("deep", db.Scalar($"SELECT \"{column}\" FROM {db.Table(Table)} WHERE id = 3"));
        await AssertEarlierRowsKeptAndRerunLoadsAsync(destination, rowsBefore: 3);
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Lists_nested_500_levels_deep_in_raw_json_load_as_child_tables_until_max_nesting(string kind)
    {
        // Given a table loaded by a first run
        using var destination = TestDestination.Create(kind);
        await LoadGoodRowsAsync(destination, 1, 2);

        // When a raw JSON item holds 500 lists nested in each other around one value
        var json = """{"id": 3, "l": """ + new string('[', 500) + "7" + new string(']', 500) + "}";
        await destination.CreatePipeline().RunAsync(Resource.Create(Table, new[] { RawJson.FromString(json) }));

        // Then each list is a child table (events__l, events__l__list, ...: dlt's max_table_nesting of 1000
        // is not reached), the innermost one holds the value, and the names are dlt's: shortened to 63
        // characters for PostgreSQL, whole for DuckDB (3,000 characters: its job files carry a shortened name)
        using var db = destination.OpenReader();
        var fullName = "events__l" + string.Concat(Enumerable.Repeat("__list", 499));
        var innermost = kind == TestDestination.Postgres ? DltIdentifier.Shorten(fullName, 63) : fullName;
        var tables = db.Tables().Where(t => t.StartsWith("events__", StringComparison.Ordinal)).ToList();
        Assert.Equal(500, tables.Count);
        Assert.Contains("events__l", tables);
        Assert.Equal(
            [("value", "bigint"), ("_dlt_parent_id", "text"), ("_dlt_list_idx", "bigint"), ("_dlt_id", "text")],
            db.Columns(innermost).Select(c => (c.Name, c.DltType)));
        Assert.Equal(7L, db.Scalar($"SELECT value FROM {db.Table(innermost)}"));
        await AssertEarlierRowsKeptAndRerunLoadsAsync(destination, rowsBefore: 3);
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Raw_json_nested_deeper_than_1000_levels_fails_extract_naming_the_limit_and_byte(string kind)
    {
        // Given a table loaded by a first run
        using var destination = TestDestination.Create(kind);
        await LoadGoodRowsAsync(destination, 1, 2);

        // When a raw item nests 1001 levels: the object and 1000 arrays, the last opening at byte 1014
        var json = """{"id": 3, "l": """ + new string('[', 1000) + new string(']', 1000) + "}";
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => destination.CreatePipeline().RunAsync(Resource.Create(Table, new[] { RawJson.FromString(json) })));

        // Then
        Assert.Equal("extract", error.Step);
        Assert.Contains(
            "Item 0 of resource 'events' (RawJson, 2016 bytes) is not valid JSON: JSON parse error at byte offset 1014 (line 1): The maximum configured depth of 1000 has been exceeded. Cannot read next JSON array.",
            error.Message,
            StringComparison.Ordinal);
        await AssertEarlierRowsKeptAndRerunLoadsAsync(destination);
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_10_mb_string_value_loads_whole(string kind)
    {
        // Given a table loaded by a first run
        using var destination = TestDestination.Create(kind);
        await LoadGoodRowsAsync(destination, 1, 2);

        // When an item carries a 10 MB string (multi-byte characters included)
        var big = string.Create(10 * 1024 * 1024, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = i % 1000 == 999 ? 'é' : (char)('a' + (i % 26));
            }
        });
        var item = new Dictionary<string, object?> { ["id"] = 3, ["name"] = big };
        await destination.CreatePipeline().RunAsync(Resource.Create(Table, new[] { item }));

        // Then the value comes back whole
        using var db = destination.OpenReader();
        Assert.Equal(big, db.Scalar($"SELECT name FROM {db.Table(Table)} WHERE id = 3"));
        await AssertEarlierRowsKeptAndRerunLoadsAsync(destination, rowsBefore: 3);
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_resource_that_yields_nothing_loads_no_table_and_keeps_earlier_rows(string kind)
    {
        // Given a table loaded by a first run
        using var destination = TestDestination.Create(kind);
        await LoadGoodRowsAsync(destination, 1, 2);

        // When a run's resources yield nothing: the loaded table's resource, and a new one
        var info = await destination.CreatePipeline().RunAsync(
            Resource.Create(Table, Array.Empty<Dictionary<string, object?>>()),
            Resource.Create("never_seen", Array.Empty<Dictionary<string, object?>>()));

        // Then no table is created for the new resource, the old rows stay, and no row is loaded
        using var db = destination.OpenReader();
        Assert.DoesNotContain("never_seen", db.Tables());
        Assert.Equal(2L, db.Count(Table));
        Assert.All(info.LoadPackages, p => Assert.Equal(LoadPackageState.Loaded, p.State));
        await AssertEarlierRowsKeptAndRerunLoadsAsync(destination);
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Empty_object_items_load_as_rows_of_only_the_dlt_columns(string kind)
    {
        // Given a table loaded by a first run
        using var destination = TestDestination.Create(kind);
        await LoadGoodRowsAsync(destination, 1, 2);

        // When a new resource yields only {} items
        var empties = new[] { "{}", "{}", "{}" }.Select(RawJson.FromString);
        await destination.CreatePipeline().RunAsync(Resource.Create("empties", empties));

        // Then its table has three rows and only the columns dlt adds
        using var db = destination.OpenReader();
        Assert.Equal([("_dlt_load_id", "text", false), ("_dlt_id", "text", false)], db.Columns("empties").Select(c => (c.Name, c.DltType, c.Nullable)));
        Assert.Equal(3L, db.Count("empties"));
        Assert.Equal(3L, db.Scalar($"SELECT count(DISTINCT _dlt_id) FROM {db.Table("empties")}") is { } n ? Convert.ToInt64(n, System.Globalization.CultureInfo.InvariantCulture) : 0L);
        await AssertEarlierRowsKeptAndRerunLoadsAsync(destination);
    }

    private static async Task LoadGoodRowsAsync(TestDestination destination, params int[] ids)
    {
        var items = ids.Select(id => new Dictionary<string, object?> { ["id"] = id, ["name"] = $"good {id}" });
        await destination.CreatePipeline().RunAsync(Resource.Create(Table, items));
    }

    /// <summary>The first run's rows are there, and a rerun with good data loads (the hostile run left nothing that blocks it).</summary>
    private static async Task AssertEarlierRowsKeptAndRerunLoadsAsync(TestDestination destination, int rowsBefore = 2)
    {
        using (var db = destination.OpenReader())
        {
            Assert.Equal(["good 1", "good 2"], db.Query($"SELECT name FROM {db.Table(Table)} WHERE id IN (1, 2) ORDER BY id").Select(r => r[0]));
            Assert.Equal(rowsBefore, db.Count(Table));
        }

        var info = await destination.CreatePipeline().RunAsync(Resource.Create(Table, new[] { new Dictionary<string, object?> { ["id"] = 100, ["name"] = "good 100" } }));
        Assert.All(info.LoadPackages, p => Assert.Equal(LoadPackageState.Loaded, p.State));
        using var after = destination.OpenReader();
        Assert.Equal(rowsBefore + 1, after.Count(Table));
        Assert.Equal("good 100", after.Scalar($"SELECT name FROM {after.Table(Table)} WHERE id = 100"));
    }
}
