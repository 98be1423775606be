using System.Text.RegularExpressions;
using Dlt.IntegrationTests.Support;
using Dlt.Postgres;
using Dlt.TestKit;
using Npgsql;
using Xunit.Abstractions;

namespace Dlt.IntegrationTests.Postgres;

/// <summary>What only PostgreSQL does: its type names, rejected values, identifier length, constraints, retries.</summary>
public sealed class PostgresLoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Creates_dlts_postgres_column_types()
    {
        // Given a row with every type
        using var destination = TestDestination.Create(TestDestination.Postgres);
        var row = new Dictionary<string, object?>
        {
            ["text"] = "a", ["int"] = 1L, ["ratio"] = 0.5, ["flag"] = true, ["at"] = DateTimeOffset.UnixEpoch, ["day"] = new DateOnly(2024, 1, 2),
            ["clock"] = new TimeOnly(1, 2), ["price"] = 1.5m, ["big"] = ulong.MaxValue, ["bytes"] = new byte[] { 1 }, ["doc"] = new Dictionary<string, object> { ["a"] = 1 },
        };

        // When
        await destination.CreatePipeline().RunAsync(Resource.Create("typed", [row]).WithMaxTableNesting(0));

        // Then
        using var db = destination.OpenReader();
        var types = db.Columns("typed").ToDictionary(c => c.Name, c => c.DbType);
        Assert.Equal("character varying", types["text"]);
        Assert.Equal("bigint", types["int"]);
        Assert.Equal("double precision", types["ratio"]);
        Assert.Equal("boolean", types["flag"]);
        Assert.Equal("timestamp with time zone", types["at"]);
        Assert.Equal("date", types["day"]);
        Assert.Equal("time without time zone", types["clock"]);
        Assert.Equal("numeric(38,9)", types["price"]);
        Assert.Equal("numeric(156,78)", types["big"]);
        Assert.Equal("bytea", types["bytes"]);
        Assert.Equal("jsonb", types["doc"]);
        Assert.Equal("character varying(64)", db.Columns("_dlt_loads").Single(c => c.Name == "load_id").DbType);
    }

    [Fact]
    public async Task A_value_postgres_rejects_fails_the_job_terminally_naming_table_and_column_and_keeps_the_package()
    {
        // Given text with a NUL character, which PostgreSQL text cannot hold
        using var destination = TestDestination.Create(TestDestination.Postgres);
        var rows = Json.Items("""{"id": 1, "note": "fine"}""", """{"id": 2, "note": "bad\u0000byte"}""");

        // When
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => destination.CreatePipeline().RunAsync(Resource.Create("notes", rows)));

        // Then the job failed at once (no retries), naming table, column and reason
        output.WriteLine(error.Message);
        Assert.Equal("load", error.Step);
        Assert.Contains("table 'notes'", error.Message, StringComparison.Ordinal);
        Assert.Contains("column 'note'", error.Message, StringComparison.Ordinal);
        Assert.Contains("0x00", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("attempts", error.Message, StringComparison.Ordinal);

        // and the package is aborted and kept with the failed job and its reason; no row was loaded
        var package = destination.LoadedPackage(error.LoadId!);
        Assert.Equal("\"aborted\"", File.ReadAllText(Path.Combine(package, "package_completed.json")));
        var failed = Assert.Single(Directory.GetFiles(Path.Combine(package, "failed_jobs"), "notes.*.0.parquet"));
        Assert.Contains("column 'note'", File.ReadAllText(failed + ".exception"), StringComparison.Ordinal);
        using var db = destination.OpenReader();
        Assert.Equal(0L, db.Count("notes"));
        Assert.Equal(0L, db.Count("_dlt_loads"));
    }

    [Fact]
    public async Task Identifiers_over_63_characters_are_shortened_as_dlt_shortens_them()
    {
        // Given the nesting of the corpus case rasa_user_load (conformance README, shortened names)
        using var destination = TestDestination.Create(TestDestination.Postgres);
        var item = Json.Items("""
            {"parse_data": {"response_selector": {"default": {"response": {"intent_response_key": "k", "responses": [{"text": "t"}]}},
             "all_retrieval_intents": ["a"]}}}
            """);

        // When
        await destination.CreatePipeline().RunAsync(Resource.Create("rasa_user_load", item));

        // Then
        using var db = destination.OpenReader();
        Assert.Contains("parse_data__response_selectorawvqkwesponse__intent_response_key", db.ColumnNames("rasa_user_load"));
        Assert.Contains("rasa_user_load__parse_data__rknjdpwdefault__response__responses", db.Tables());
        Assert.Contains("rasa_user_load__parse_data__ruaogsaector__all_retrieval_intents", db.Tables());
        Assert.All(db.Tables(), t => Assert.True(t.Length <= 63, t));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Unique_hints_become_unique_constraints_unless_create_indexes_is_off(bool createIndexes)
    {
        // Given
        var dataset = TestPostgres.UniqueDataset();
        using var dir = new TempPipelineDirectory();
        using var destination = PostgresDestination.Create(TestPostgres.ConnectionString, new PostgresOptions { CreateIndexes = createIndexes });
        try
        {
            // When
            await Pipeline.Create("test_pipeline", destination, dataset, dir.Options).RunAsync(Resource.Create("rows", Json.Items("""{"n": 1}""")));

            // Then _dlt_id (unique hint) has a UNIQUE constraint exactly when create_indexes is on
            using var db = new PostgresReader(TestPostgres.ConnectionString, dataset);
            var constraints = db.Query($"""
                SELECT a.attname::text FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
                WHERE c.contype = 'u' AND c.conrelid = '{db.Table("rows")}'::regclass
                """).Select(r => (string)r[0]!);
            Assert.Equal(createIndexes ? ["_dlt_id"] : [], constraints);
        }
        finally
        {
            TestPostgres.DropSchema(dataset);
        }
    }

    [Fact]
    public async Task A_connection_killed_mid_copy_is_retried_as_a_new_attempt_and_leaves_no_partial_rows()
    {
        // Given enough rows that the COPY takes a while, and a watcher that kills the first COPY into the dataset
        using var destination = TestDestination.Create(TestDestination.Postgres);
        var rows = Enumerable.Range(0, 300_000).Select(i => new Dictionary<string, object?> { ["n"] = i, ["text"] = "row number " + i });
        using var stop = new CancellationTokenSource();
        var killer = KillFirstCopyAsync(destination.Dataset, stop.Token);

        // When
        var info = await destination.CreatePipeline().RunAsync(Resource.Create("many", rows));
        await stop.CancelAsync();
        var killed = await killer;

        // Then the copy was killed once, the job ran again (retry count 1 in its file name), and every row is there once
        Assert.True(killed, "the watcher never saw the COPY; the test proves nothing");
        var completed = Directory.GetFiles(Path.Combine(destination.LoadedPackage(info.LoadPackages[0].LoadId), "completed_jobs"), "many.*");
        Assert.Contains(completed, f => Regex.IsMatch(Path.GetFileName(f), @"^many\.[0-9a-f]{13}\.1\.parquet$"));
        using var db = destination.OpenReader();
        Assert.Equal(300_000L, db.Count("many"));
        Assert.Equal(300_000L, Convert.ToInt64(db.Scalar($"SELECT count(DISTINCT n) FROM {db.Table("many")}"), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<bool> KillFirstCopyAsync(string dataset, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(TestPostgres.ConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = $"COPY \"{dataset}\".\"many\"%" });
        while (!cancellationToken.IsCancellationRequested)
        {
            if (await command.ExecuteScalarAsync(CancellationToken.None) is true)
            {
                return true;
            }

            await Task.Delay(2, CancellationToken.None);
        }

        return false;
    }
}
