using Dlt.DuckDb;
using Dlt.TestKit;
using ParquetSharp;

namespace Dlt.IntegrationTests.Cli;

/// <summary><c>dlt ingest</c> into DuckDB, in process (stdin as a real process), asserted by the tables it leaves.</summary>
public sealed class CliIngestDuckDbTests : IDisposable
{
    private readonly TempPipelineDirectory _dir = new();

    private static string EventLine(int i) =>
        $$"""{"id": {{i}}, "name": "event {{i}} ü", "user": {"login": "u{{i % 7}}", "age": {{20 + i % 30}}}, "tags": ["t{{i % 3}}", "x"], "amount": {{i}}.25, "at": "2024-05-0{{1 + i % 9}}T10:00:00Z"}""";

    [Fact]
    public async Task Ingest_of_a_jsonl_file_gives_the_same_tables_as_the_library_for_the_same_items()
    {
        // Given a JSON lines file
        var lines = Enumerable.Range(1, 400).Select(EventLine).ToList();
        File.WriteAllText(Path.Combine(_dir.Root, "events.jsonl"), string.Join("\n", lines) + "\n");

        // When the tool loads it, and the library loads the same lines as RawJson into another file
        var result = await CliInProcess.RunAsync(_dir.Root, "ingest", "events.jsonl", "--destination", "duckdb", "--dataset", "raw", "--table", "events");
        Assert.True(result.ExitCode == 0, result.ToString());
        var libraryDb = Path.Combine(_dir.Root, "library.duckdb");
        var pipeline = Pipeline.Create("library_events", DuckDbDestination.Create(libraryDb), "raw", _dir.Options);
        await pipeline.RunAsync(Resource.Create("events", lines.Select(RawJson.FromString)));

        // Then both have the same tables, columns and rows
        using var cli = new DuckDbReader(Path.Combine(_dir.Root, "ingest_events.duckdb"), "raw");
        using var library = new DuckDbReader(libraryDb, "raw");
        Assert.Equal(library.Tables().Where(t => t != "_dlt_pipeline_state"), cli.Tables().Where(t => t != "_dlt_pipeline_state"));
        Assert.Contains("events__tags", cli.Tables());
        foreach (var table in new[] { "events", "events__tags" })
        {
            Assert.Equal(library.Columns(table).Select(c => (c.Name, c.DbType)), cli.Columns(table).Select(c => (c.Name, c.DbType)));
        }

        const string Events = "SELECT id, name, user__login, user__age, amount, CAST(\"at\" AS VARCHAR) FROM raw.events ORDER BY id";
        const string Tags = "SELECT e.id, t.value, t._dlt_list_idx FROM raw.events e JOIN raw.events__tags t ON t._dlt_parent_id = e._dlt_id ORDER BY 1, 3";
        Assert.Equal(400, cli.Query(Events).Count);
        Assert.Equal(library.Query(Events), cli.Query(Events));
        Assert.Equal(library.Query(Tags), cli.Query(Tags));
        Assert.Contains("1 load package(s) were loaded to destination duckdb and into dataset raw", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_reads_json_arrays_and_objects_one_after_another()
    {
        // Given a pretty-printed JSON array and a file of objects one per line (with a string holding brackets)
        File.WriteAllText(Path.Combine(_dir.Root, "array.json"), "[\n  {\"id\": 1, \"note\": \"a [b] {c}\"},\n  {\"id\": 2, \"nested\": {\"k\": [1, 2]}}\n]\n");
        File.WriteAllText(Path.Combine(_dir.Root, "objects.json"), "{\"id\": 3}\n{\n  \"id\": 4\n}\n");

        // When both are ingested into one table
        var result = await CliInProcess.RunAsync(_dir.Root, "ingest", "array.json", "objects.json", "--table", "items", "--dataset", "raw");

        // Then every object is a row, and the nested list a child table
        Assert.True(result.ExitCode == 0, result.ToString());
        using var db = new DuckDbReader(Path.Combine(_dir.Root, "ingest_items.duckdb"), "raw");
        Assert.Equal([[1L, "a [b] {c}"], [2L, null], [3L, null], [4L, null]], db.Query("SELECT id, note FROM raw.items ORDER BY id"));
        Assert.Equal([[1L], [2L]], db.Query("SELECT value FROM raw.items__nested__k ORDER BY value"));
    }

    [Fact]
    public async Task Ingest_types_csv_values_as_dlt_infers_json()
    {
        // Given a CSV file with numbers, booleans, empty fields, quotes, a quoted line break and a timestamp
        File.WriteAllText(Path.Combine(_dir.Root, "people.csv"),
            "id,name,score,active,note,joined\r\n1,Ann,1.5,true,\"she said \"\"hi\"\"\",2024-01-02T03:04:05Z\r\n2,Bob,,false,\"two\nlines\",2024-02-03T00:00:00Z\r\n3,007,2,TRUE,,2024-03-04T00:00:00Z\r\n");

        // When it is ingested
        var result = await CliInProcess.RunAsync(_dir.Root, "ingest", "people.csv", "--dataset", "raw");

        // Then the columns are typed and the values kept
        Assert.True(result.ExitCode == 0, result.ToString());
        using var db = new DuckDbReader(Path.Combine(_dir.Root, "ingest_people.duckdb"), "raw");
        var types = db.Columns("people").ToDictionary(c => c.Name, c => c.DltType);
        Assert.Equal("bigint", types["id"]);
        Assert.Equal("text", types["name"]);
        Assert.Equal("double", types["score"]);
        Assert.Equal("bool", types["active"]);
        Assert.Equal("text", types["note"]);
        Assert.Equal("timestamp", types["joined"]);
        Assert.Equal(
            [[1L, "Ann", 1.5, true, "she said \"hi\""], [2L, "Bob", null, false, "two\nlines"], [3L, "007", 2.0, true, null]],
            db.Query("SELECT id, name, score, active, note FROM raw.people ORDER BY id"));
    }

    [Fact]
    public async Task Ingest_keeps_the_column_types_of_a_parquet_file()
    {
        // Given a Parquet file with 64-bit integers, decimals, UTC timestamps, dates, text and nullable doubles
        var path = Path.Combine(_dir.Root, "sales.parquet");
        var columns = new Column[]
        {
            new Column<long>("id"),
            new Column<decimal>("amount", LogicalType.Decimal(precision: 12, scale: 2)),
            new Column<DateTime>("sold_at", LogicalType.Timestamp(isAdjustedToUtc: true, TimeUnit.Micros)),
            new Column<Date>("day"),
            new Column<string>("item"),
            new Column<double?>("discount"),
        };
        using (var writer = new ParquetFileWriter(path, columns))
        {
            using var rowGroup = writer.AppendRowGroup();
            using (var w = rowGroup.NextColumn().LogicalWriter<long>()) { w.WriteBatch([1L, 9_000_000_000L]); }
            using (var w = rowGroup.NextColumn().LogicalWriter<decimal>()) { w.WriteBatch([12.34m, 0.01m]); }
            using (var w = rowGroup.NextColumn().LogicalWriter<DateTime>()) { w.WriteBatch([new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), new DateTime(2024, 6, 7, 8, 9, 10, DateTimeKind.Utc)]); }
            using (var w = rowGroup.NextColumn().LogicalWriter<Date>()) { w.WriteBatch([new Date(2024, 1, 2), new Date(2024, 6, 7)]); }
            using (var w = rowGroup.NextColumn().LogicalWriter<string>()) { w.WriteBatch(["pen", "ink"]); }
            using (var w = rowGroup.NextColumn().LogicalWriter<double?>()) { w.WriteBatch([0.5, null]); }
            writer.Close();
        }

        // When it is ingested
        var result = await CliInProcess.RunAsync(_dir.Root, "ingest", "sales.parquet", "--dataset", "raw");

        // Then the columns have the file's types and values (decimals at dlt's default precision, 38 and 9)
        Assert.True(result.ExitCode == 0, result.ToString());
        using var db = new DuckDbReader(Path.Combine(_dir.Root, "ingest_sales.duckdb"), "raw");
        var types = db.Columns("sales").ToDictionary(c => c.Name, c => c.DltType);
        Assert.Equal("bigint", types["id"]);
        Assert.Equal("decimal", types["amount"]);
        Assert.Equal("timestamp", types["sold_at"]);
        Assert.Equal("date", types["day"]);
        Assert.Equal("text", types["item"]);
        Assert.Equal("double", types["discount"]);
        Assert.Equal(
            [[1L, "12.340000000", "2024-01-02 03:04:05+00", "2024-01-02", "pen", 0.5], [9_000_000_000L, "0.010000000", "2024-06-07 08:09:10+00", "2024-06-07", "ink", null]],
            db.Query("SELECT id, CAST(amount AS VARCHAR), CAST(sold_at AS VARCHAR), CAST(day AS VARCHAR), item, discount FROM raw.sales ORDER BY id"));
    }

    [Fact]
    public async Task A_malformed_line_fails_naming_file_and_line_loads_nothing_of_that_file_and_keeps_the_files_before_it()
    {
        // Given a glob over three files, the second with a broken third line
        var input = Directory.CreateDirectory(Path.Combine(_dir.Root, "in")).FullName;
        File.WriteAllText(Path.Combine(input, "a.jsonl"), "{\"id\": 1}\n{\"id\": 2}\n");
        File.WriteAllText(Path.Combine(input, "b.jsonl"), "{\"id\": 3}\n{\"id\": 4}\n{\"id\": 5,\n{\"id\": 6}\n");
        File.WriteAllText(Path.Combine(input, "c.jsonl"), "{\"id\": 7}\n");

        // When they are ingested
        var result = await CliInProcess.RunAsync(_dir.Root, "ingest", "in/*.jsonl", "--table", "numbers", "--dataset", "raw");

        // Then the tool fails with one line naming the file and the line; a.jsonl is loaded, nothing of b.jsonl, and c.jsonl is not reached
        Assert.Equal(1, result.ExitCode);
        var error = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("dlt: error: in/b.jsonl, line 3: not valid JSON", error, StringComparison.Ordinal);
        Assert.Contains("Nothing of 'in/b.jsonl' was loaded. The 1 file(s) before it were loaded.", error, StringComparison.Ordinal);
        using var db = new DuckDbReader(Path.Combine(_dir.Root, "ingest_numbers.duckdb"), "raw");
        Assert.Equal([[1L], [2L]], db.Query("SELECT id FROM raw.numbers ORDER BY id"));
    }

    [Fact]
    public async Task A_json_value_that_is_not_an_object_fails_naming_its_line()
    {
        File.WriteAllText(Path.Combine(_dir.Root, "mixed.json"), "[\n  {\"id\": 1},\n  42\n]");

        var result = await CliInProcess.RunAsync(_dir.Root, "ingest", "mixed.json");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("dlt: error: mixed.json, line 3: a number where an object was expected.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_reads_stdin_and_needs_a_table_name_for_it()
    {
        var missing = await CliProcess.RunAsync(_dir.Root, ["ingest", "-"], stdin: "{\"id\": 1}\n");
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("dlt: error: Reading stdin needs --table: there is no file name to take the table name from.", missing.Error.Trim());

        var result = await CliProcess.RunAsync(_dir.Root, ["ingest", "-", "--table", "piped", "--dataset", "raw"], stdin: "{\"id\": 1}\n\n{\"id\": 2, \"v\": \"x\"}\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var db = new DuckDbReader(Path.Combine(_dir.Root, "ingest_piped.duckdb"), "raw");
        Assert.Equal([[1L, null], [2L, "x"]], db.Query("SELECT id, v FROM raw.piped ORDER BY id"));
    }

    [Fact]
    public async Task Merge_on_a_primary_key_and_max_table_nesting_are_applied()
    {
        // Given two files where the second updates id 2, loaded with merge on id and no child tables
        File.WriteAllText(Path.Combine(_dir.Root, "v1.jsonl"), "{\"id\": 1, \"name\": \"a\", \"tags\": [1]}\n{\"id\": 2, \"name\": \"b\", \"tags\": [2]}\n");
        File.WriteAllText(Path.Combine(_dir.Root, "v2.jsonl"), "{\"id\": 2, \"name\": \"B\", \"tags\": [3]}\n");
        string[] options = ["--table", "users", "--dataset", "raw", "--write-disposition", "merge", "--max-table-nesting", "0"];

        // (the key before the file: an option value never swallows the file argument)
        var first = await CliInProcess.RunAsync(_dir.Root, ["ingest", "--primary-key", "id", "v1.jsonl", .. options]);
        var second = await CliInProcess.RunAsync(_dir.Root, ["ingest", "v2.jsonl", "--primary-key", "id", .. options]);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        using var db = new DuckDbReader(Path.Combine(_dir.Root, "ingest_users.duckdb"), "raw");
        Assert.Equal([[1L, "a"], [2L, "B"]], db.Query("SELECT id, name FROM raw.users ORDER BY id"));
        Assert.DoesNotContain("users__tags", db.Tables());
        Assert.Equal("json", db.Columns("users").Single(c => c.Name == "tags").DltType);
    }

    [Fact]
    public async Task Replace_over_several_files_keeps_all_of_them_and_drops_earlier_runs()
    {
        File.WriteAllText(Path.Combine(_dir.Root, "old.jsonl"), "{\"id\": 0}\n");
        File.WriteAllText(Path.Combine(_dir.Root, "p1.jsonl"), "{\"id\": 1}\n");
        File.WriteAllText(Path.Combine(_dir.Root, "p2.jsonl"), "{\"id\": 2}\n");
        string[] options = ["--table", "parts", "--dataset", "raw", "--write-disposition", "replace"];

        Assert.Equal(0, (await CliInProcess.RunAsync(_dir.Root, ["ingest", "old.jsonl", .. options])).ExitCode);
        var result = await CliInProcess.RunAsync(_dir.Root, ["ingest", "p1.jsonl", "p2.jsonl", .. options]);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var db = new DuckDbReader(Path.Combine(_dir.Root, "ingest_parts.duckdb"), "raw");
        Assert.Equal([[1L], [2L]], db.Query("SELECT id FROM raw.parts ORDER BY id"));
    }

    [Fact]
    public async Task Configuration_comes_from_the_dlt_files_of_the_working_directory()
    {
        // Given a secrets.toml that puts the DuckDB file elsewhere
        Directory.CreateDirectory(Path.Combine(_dir.Root, ".dlt"));
        File.WriteAllText(Path.Combine(_dir.Root, ".dlt", "secrets.toml"), "[destination.duckdb]\ncredentials = \"configured.duckdb\"\n");
        File.WriteAllText(Path.Combine(_dir.Root, "rows.jsonl"), "{\"id\": 1}\n");

        var result = await CliInProcess.RunAsync(_dir.Root, "ingest", "rows.jsonl", "--dataset", "raw");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var db = new DuckDbReader(Path.Combine(_dir.Root, "configured.duckdb"), "raw");
        Assert.Equal([[1L]], db.Query("SELECT id FROM raw.rows"));
    }

    public void Dispose() => _dir.Dispose();
}
