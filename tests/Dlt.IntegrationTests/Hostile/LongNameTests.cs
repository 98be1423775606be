using System.Text;
using System.Text.Json;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Hostile;

/// <summary>
/// Table and column names longer than a file name may be (255 bytes) load under the names dlt's
/// naming gives them (NamingConvention.normalize_table_identifier / shorten_identifier in
/// dlt/common/normalizers/naming/naming.py, with the destination's max_identifier_length): the job
/// files keep a bounded name, whatever the table's. A name the destination cannot hold fails with an
/// error naming the table and column before anything is committed.
/// </summary>
public sealed class LongNameTests
{
    [Theory]
    [InlineData(TestDestination.DuckDb, 1)]
    [InlineData(TestDestination.DuckDb, 2)]
    [InlineData(TestDestination.Postgres, 2)]
    public async Task A_table_name_longer_than_a_file_name_loads_under_the_name_dlt_gives_it(string kind, int workers)
    {
        // Given a 303-character resource name (already snake_case), a 260-character key and a list
        // under a 250-character key, loaded twice (the second run finds the tables)
        using var destination = TestDestination.Create(kind);
        var table = string.Join("_", Enumerable.Repeat("segment", 38));
        var column = "c" + new string('o', 259);
        var listKey = "l" + new string('i', 249);
        string Row(int id) => JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = id,
            [column] = "v" + id,
            [listKey] = new[] { id * 10, (id * 10) + 1 },
        });

        // When
        for (var run = 0; run < 2; run++)
        {
            var pipeline = destination.CreatePipeline(o => o with { EnvironmentVariables = new Dictionary<string, string> { ["NORMALIZE__WORKERS"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
            await pipeline.RunAsync(Resource.Create(table, Items(Row((run * 2) + 1), Row((run * 2) + 2))));
        }

        // Then the tables and columns carry dlt's names: whole on DuckDB (no identifier limit),
        // shortened to 63 characters by dlt's rule on PostgreSQL
        int? limit = kind == TestDestination.Postgres ? 63 : null;
        string Name(string identifier) => limit is { } max ? DltIdentifier.Shorten(identifier, max) : identifier;
        var root = Name(table);
        // (dlt's relational normalizer names a nested table shorten_fragments(root_table, normalize_table_identifier(key)))
        var child = Name(root + "__" + Name(listKey));
        using var db = destination.OpenReader();
        Assert.Contains(root, db.Tables());
        Assert.Contains(child, db.Tables());
        Assert.Equal(4L, db.Count(root));
        Assert.Equal(8L, db.Count(child));
        Assert.Equal("v3", db.Scalar($"SELECT \"{Name(column)}\" FROM {db.Table(root)} WHERE id = 3"));
        Assert.Equal(41L, db.Scalar($"SELECT MAX(value) FROM {db.Table(child)}"));
    }

    [Fact]
    public async Task A_name_of_multibyte_digits_longer_than_a_file_name_loads_whole_into_duckdb()
    {
        // Given a table name of 'n' and 200 Arabic-Indic digits (snake_case keeps Unicode digits, as
        // Python's \d does): 201 characters, 401 bytes in UTF-8
        using var destination = TestDestination.Create(TestDestination.DuckDb);
        var table = "n" + new string('\u0663', 200);
        Assert.True(Encoding.UTF8.GetByteCount(table) > 255);

        // When
        await destination.CreatePipeline().RunAsync(Resource.Create(table, Items("""{"id": 1, "tags": ["a", "b"]}""")));

        // Then both tables load under their whole names
        using var db = destination.OpenReader();
        Assert.Equal(1L, db.Count(table));
        Assert.Equal(2L, db.Count(table + "__tags"));
    }

    [Fact]
    public async Task A_column_name_postgresql_would_truncate_fails_naming_table_and_column_before_anything_is_committed()
    {
        // Given a table loaded by a first run
        using var destination = TestDestination.Create(TestDestination.Postgres);
        await destination.CreatePipeline().RunAsync(Resource.Create("events", Items("""{"id": 1}""")));

        // When a key of 'c' and 40 Arabic-Indic digits arrives: 41 characters, so dlt's naming keeps it
        // (max_identifier_length 63 counts characters), but 81 bytes, past PostgreSQL's 63-byte limit,
        // which would silently cut it (NAMEDATALEN)
        var column = "c" + new string('\u0663', 40);
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() =>
            destination.CreatePipeline().RunAsync(Resource.Create("events", Items($$"""{"id": 2, "{{column}}": "x"}"""))));

        // Then the load fails naming the table, the column and the limit, and nothing of the run is there
        Assert.Equal("load", error.Step);
        Assert.Contains("'events'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{column}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("63 bytes", error.Message, StringComparison.Ordinal);
        using var db = destination.OpenReader();
        Assert.Equal(1L, db.Count("events"));
        Assert.DoesNotContain(db.ColumnNames("events"), c => c.StartsWith('c'));
    }

    private static IEnumerable<JsonElement> Items(params string[] json) => json.Select(j => JsonDocument.Parse(j).RootElement);
}
