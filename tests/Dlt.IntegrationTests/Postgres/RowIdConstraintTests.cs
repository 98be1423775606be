using System.Globalization;
using Dlt.IntegrationTests.Reliability;
using Dlt.Storage;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Postgres;

/// <summary>
/// The <c>_dlt_id</c> UNIQUE constraint of a table a package creates is added when the package
/// completes (its index built once over the loaded rows), and every table ends with exactly the
/// constraint dlt's <c>CREATE TABLE</c> gives it.
/// </summary>
public sealed class RowIdConstraintTests
{
    private static Resource Users(int from, int count) => Resource.Create("users", Enumerable.Range(from, count).Select(i => new Dictionary<string, object?>
    {
        ["id"] = i,
        ["tags"] = new[] { "a" + i, "b" + i },
    }));

    /// <summary>The unique constraints of a table of the dataset: name and column.</summary>
    private static List<(string Name, string Column)> UniqueConstraints(IDatasetReader db, string table) =>
        [.. db.Query($"""
            SELECT c.conname::text, a.attname::text FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
            WHERE c.contype = 'u' AND c.conrelid = '{db.Table(table)}'::regclass ORDER BY 1
            """).Select(r => ((string)r[0]!, (string)r[1]!))];

    /// <summary>The collation of each text column of a table, by column name.</summary>
    private static List<(string Column, string Collation)> TextColumnCollations(IDatasetReader db, string table) =>
        [.. db.Query($"""
            SELECT a.attname::text, co.collname::text FROM pg_attribute a JOIN pg_collation co ON co.oid = a.attcollation
            WHERE a.attrelid = '{db.Table(table)}'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY 1
            """).Select(r => ((string)r[0]!, (string)r[1]!))];

    private static long PendingRecords(IDatasetReader db) =>
        Convert.ToInt64(db.Scalar($"SELECT count(*) FROM {db.Table("_dlt_completed_jobs")} WHERE job_id LIKE 'unique-after-load:%'"), CultureInfo.InvariantCulture);

    /// <summary>Each table of the load has the one constraint dlt's CREATE TABLE gives it, and no deferral is left to add.</summary>
    private static void AssertEachTableHasItsConstraint(IDatasetReader db)
    {
        Assert.Equal([("users__dlt_id_key", "_dlt_id")], UniqueConstraints(db, "users"));
        Assert.Equal([("users__tags__dlt_id_key", "_dlt_id")], UniqueConstraints(db, "users__tags"));
        Assert.Equal([("_dlt_pipeline_state__dlt_id_key", "_dlt_id")], UniqueConstraints(db, "_dlt_pipeline_state"));
        Assert.Equal(0L, PendingRecords(db));
    }

    /// <summary>
    /// A pipeline that reads the unique constraints of <paramref name="tables"/> once every job of its
    /// load committed, before the completion, and hands them to <paramref name="record"/>.
    /// </summary>
    private static Pipeline ReadingConstraintsWhileLoading(TestDestination destination, Action<List<(string, string)>> record, params string[] tables) =>
        destination.CreatePipeline(o => o with
        {
            FaultHook = point =>
            {
                if (point == FaultPoint.LoadJobsDone)
                {
                    using var db = destination.OpenReader();
                    record([.. tables.SelectMany(table => UniqueConstraints(db, table))]);
                }
            },
        });

    /// <summary>Runs <paramref name="users"/> into the dataset and dies once every job committed, before the load completes.</summary>
    private static async Task CrashOnceTheJobsCommittedAsync(TestDestination destination, Resource users)
    {
        var crash = new CrashOnce(FaultPoint.LoadJobsDone);
        await Assert.ThrowsAsync<PipelineStepFailedException>(() => destination.CreatePipeline(o => o with { FaultHook = crash.At }).RunAsync(users));
        Assert.True(crash.Crashed);
    }

    [Fact]
    public async Task A_created_table_is_loaded_without_its_dlt_id_constraint_and_has_it_with_postgres_name_when_the_load_completes()
    {
        // Given a pipeline that looks at the tables once every job committed
        using var destination = TestDestination.Create(TestDestination.Postgres);
        List<(string, string)>? whileLoading = null;
        var pipeline = ReadingConstraintsWhileLoading(destination, seen => whileLoading = seen, "users", "users__tags");

        // When it creates and loads two tables
        await pipeline.RunAsync(Users(0, 100));

        // Then the rows went in without the constraint, and each table has it afterwards, named as a UNIQUE column of CREATE TABLE is
        Assert.Equal([], whileLoading);
        using var after = destination.OpenReader();
        AssertEachTableHasItsConstraint(after);
        Assert.Equal(200L, after.Count("users__tags"));
    }

    [Fact]
    public async Task Row_id_columns_compare_bytes_and_data_columns_keep_the_database_collation()
    {
        // Given a destination
        using var destination = TestDestination.Create(TestDestination.Postgres);

        // When a load creates a table and its child table
        await destination.CreatePipeline().RunAsync(Users(0, 10));

        // Then the row id columns use the "C" collation (their unique index is built comparing bytes), every other text column the database's
        using var db = destination.OpenReader();
        Assert.Equal([("_dlt_id", "C"), ("_dlt_load_id", "default")], TextColumnCollations(db, "users"));
        Assert.Equal([("_dlt_id", "C"), ("_dlt_parent_id", "C"), ("value", "default")], TextColumnCollations(db, "users__tags"));
        Assert.Equal(20L, Convert.ToInt64(db.Scalar($"SELECT count(*) FROM {db.Table("users__tags")} t JOIN {db.Table("users")} u ON t._dlt_parent_id = u._dlt_id"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_table_that_exists_keeps_its_constraint_while_the_next_load_copies_into_it()
    {
        // Given a table created by a first load
        using var destination = TestDestination.Create(TestDestination.Postgres);
        await destination.CreatePipeline().RunAsync(Users(0, 10));
        List<(string, string)>? whileLoading = null;
        var pipeline = ReadingConstraintsWhileLoading(destination, seen => whileLoading = seen, "users");

        // When a second load appends to it
        await pipeline.RunAsync(Users(10, 10));

        // Then the constraint was there all along, once
        Assert.Equal([("users__dlt_id_key", "_dlt_id")], whileLoading);
        using var after = destination.OpenReader();
        Assert.Equal([("users__dlt_id_key", "_dlt_id")], UniqueConstraints(after, "users"));
        Assert.Equal(20L, after.Count("users"));
    }

    [Fact]
    public async Task A_load_that_crashed_before_completing_adds_the_constraint_when_it_resumes()
    {
        // Given a load that died once its jobs had committed, leaving the new table without its constraint
        using var destination = TestDestination.Create(TestDestination.Postgres);
        await CrashOnceTheJobsCommittedAsync(destination, Users(0, 50));
        using (var db = destination.OpenReader())
        {
            Assert.Equal([], UniqueConstraints(db, "users"));
            Assert.Equal(3L, PendingRecords(db)); // users, users__tags, _dlt_pipeline_state
        }

        // When the next call resumes the package
        await destination.CreatePipeline().LoadAsync();

        // Then the tables have their constraint and the records of the deferral are gone
        using var after = destination.OpenReader();
        AssertEachTableHasItsConstraint(after);
        Assert.Equal(1L, after.Count("_dlt_loads"));
    }

    [Fact]
    public async Task Rows_that_share_a_dlt_id_stop_the_completion_naming_the_table_until_they_are_removed()
    {
        // Given a crashed load whose new table got a copy of one of its rows from elsewhere before the constraint was added
        using var destination = TestDestination.Create(TestDestination.Postgres);
        await CrashOnceTheJobsCommittedAsync(destination, Users(0, 5));
        using (var db = destination.OpenReader())
        {
            db.Query($"INSERT INTO {db.Table("users")} SELECT * FROM {db.Table("users")} WHERE id = 3 RETURNING id");
        }

        // When the package is resumed
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => destination.CreatePipeline().LoadAsync());

        // Then the error names the table, the column and what to do, and the package is not completed
        Assert.Contains("table 'users'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'_dlt_id'", error.Message, StringComparison.Ordinal);
        Assert.Contains("delete the extra copies", error.Message, StringComparison.Ordinal);
        using (var db = destination.OpenReader())
        {
            Assert.Equal(0L, db.Count("_dlt_loads"));
            db.Query($"DELETE FROM {db.Table("users")} WHERE ctid = (SELECT max(ctid) FROM {db.Table("users")} WHERE id = 3) RETURNING id");
        }

        // And once the copy is deleted, the next call completes the package with the constraint
        await destination.CreatePipeline().LoadAsync();
        using var after = destination.OpenReader();
        Assert.Equal([("users__dlt_id_key", "_dlt_id")], UniqueConstraints(after, "users"));
        Assert.Equal(1L, after.Count("_dlt_loads"));
        Assert.Equal(5L, after.Count("users"));
    }

    [Fact]
    public async Task A_new_table_replaced_through_a_staging_table_swapped_in_has_one_dlt_id_constraint()
    {
        // Given the staging-optimized replace, which moves the staging table (created with its constraint) into the dataset
        using var destination = TestDestination.Create(TestDestination.Postgres);
        var pipeline = destination.CreatePipeline(o => o with
        {
            EnvironmentVariables = new Dictionary<string, string> { ["DESTINATION__REPLACE_STRATEGY"] = "staging-optimized" },
        });

        // When the first load creates the table that way
        await pipeline.RunAsync(Users(0, 10).WithWriteDisposition(WriteDisposition.Replace));

        // Then it has its constraint once, and nothing is left to add
        using var after = destination.OpenReader();
        Assert.Single(UniqueConstraints(after, "users"));
        Assert.Equal("_dlt_id", UniqueConstraints(after, "users")[0].Column);
        Assert.Equal(0L, PendingRecords(after));
        Assert.Equal(10L, after.Count("users"));
    }
}
