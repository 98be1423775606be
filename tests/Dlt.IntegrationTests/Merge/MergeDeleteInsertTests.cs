using Dlt.IntegrationTests.Reliability;
using Dlt.IntegrationTests.Support;
using Dlt.Storage;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Merge;

/// <summary>Write disposition merge, strategy delete-insert, on every destination: the exact rows of root and child tables after several loads.</summary>
public sealed class MergeDeleteInsertTests
{
    private static Resource Issues(params string[] json) =>
        Resource.Create("issues", Json.Items(json)).WithPrimaryKey("id").WithWriteDisposition(WriteDisposition.Merge);

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Merges_inserts_and_updates_by_primary_key_and_replaces_the_child_rows_of_updated_rows(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var pipeline = destination.CreatePipeline();

        await pipeline.RunAsync(Issues(
            """{"id": 1, "title": "a", "labels": ["x", "y"]}""",
            """{"id": 2, "title": "b", "labels": ["z"]}"""));
        await pipeline.RunAsync(Issues(
            """{"id": 2, "title": "b2", "labels": ["z2", "w2"]}""",
            """{"id": 3, "title": "c", "labels": []}"""));

        using var db = destination.OpenReader();
        Assert.Equal([[1L, "a"], [2L, "b2"], [3L, "c"]], Rows(db, "SELECT id, title FROM {0} ORDER BY id", "issues"));
        Assert.Equal(
            [[1L, "x", 0L], [1L, "y", 1L], [2L, "w2", 1L], [2L, "z2", 0L]],
            Rows(db, $"SELECT i.id, l.value, l._dlt_list_idx FROM {{0}} AS l JOIN {db.Table("issues")} AS i ON l._dlt_root_id = i._dlt_id AND l._dlt_parent_id = i._dlt_id ORDER BY i.id, l.value", "issues__labels"));
        Assert.Equal(4L, db.Count("issues__labels"));
        Assert.Equal(["value", "_dlt_root_id", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"], db.ColumnNames("issues__labels"));
        Assert.Equal(2L, db.Count("_dlt_loads"));
        Assert.Equal(0L, db.Count("_dlt_completed_jobs"));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_second_identical_merge_load_changes_nothing(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var pipeline = destination.CreatePipeline();
        string[] items = ["""{"id": 1, "title": "a", "labels": ["x", "y"]}""", """{"id": 2, "title": "b", "labels": ["z"]}"""];
        await pipeline.RunAsync(Issues(items));
        using (var first = destination.OpenReader())
        {
            Assert.Equal(2L, first.Count("issues"));
        }

        await pipeline.RunAsync(Issues(items));

        using var db = destination.OpenReader();
        Assert.Equal([[1L, "a"], [2L, "b"]], Rows(db, "SELECT id, title FROM {0} ORDER BY id", "issues"));
        Assert.Equal([["x"], ["y"], ["z"]], Rows(db, "SELECT value FROM {0} ORDER BY value", "issues__labels"));
        Assert.Equal(0L, Convert.ToInt64(db.Scalar($"SELECT count(*) FROM {db.Table("issues__labels")} AS l LEFT JOIN {db.Table("issues")} AS i ON l._dlt_root_id = i._dlt_id WHERE i._dlt_id IS NULL"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Hard_delete_removes_rows_and_their_children_and_deleted_rows_are_not_inserted(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var pipeline = destination.CreatePipeline();
        Resource Load(params string[] json) => Issues(json).WithColumns(new ColumnHint("deleted", DataType.Bool) { HardDelete = true });
        await pipeline.RunAsync(Load(
            """{"id": 1, "title": "a", "labels": ["x"]}""",
            """{"id": 2, "title": "b", "labels": ["y"]}""",
            """{"id": 3, "title": "c", "labels": ["z"]}"""));

        await pipeline.RunAsync(Load(
            """{"id": 1, "title": "a", "deleted": true}""",
            """{"id": 2, "title": "b2", "deleted": false, "labels": ["y2"]}""",
            """{"id": 4, "title": "d", "deleted": true, "labels": ["q"]}"""));

        using var db = destination.OpenReader();
        Assert.Equal([[2L, "b2", false], [3L, "c", null]], Rows(db, "SELECT id, title, deleted FROM {0} ORDER BY id", "issues"));
        Assert.Equal([["y2"], ["z"]], Rows(db, "SELECT value FROM {0} ORDER BY value", "issues__labels"));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Duplicate_primary_keys_in_one_load_keep_the_row_dedup_sort_picks(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var pipeline = destination.CreatePipeline();
        Resource Load(DedupSortOrder order, params string[] json) => Issues(json).WithColumns(new ColumnHint("version", DataType.BigInt) { DedupSort = order });
        string[] items =
        [
            """{"id": 1, "version": 1, "title": "old", "labels": ["o"]}""",
            """{"id": 1, "version": 3, "title": "new", "labels": ["n"]}""",
            """{"id": 1, "version": 2, "title": "mid", "labels": ["m"]}""",
        ];

        await pipeline.RunAsync(Load(DedupSortOrder.Descending, items));
        using (var db = destination.OpenReader())
        {
            Assert.Equal([[1L, 3L, "new"]], Rows(db, "SELECT id, version, title FROM {0}", "issues"));
            Assert.Equal([["n"]], Rows(db, "SELECT value FROM {0}", "issues__labels"));
        }

        await pipeline.RunAsync(Load(DedupSortOrder.Ascending, items));
        using (var db = destination.OpenReader())
        {
            Assert.Equal([[1L, 1L, "old"]], Rows(db, "SELECT id, version, title FROM {0}", "issues"));
            Assert.Equal([["o"]], Rows(db, "SELECT value FROM {0}", "issues__labels"));
        }
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_merge_key_replaces_every_row_of_the_partitions_in_the_load(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var pipeline = destination.CreatePipeline();
        Resource Load(params string[] json) => Resource.Create("events", Json.Items(json)).WithMergeKey("day").WithWriteDisposition(WriteDisposition.Merge);
        await pipeline.RunAsync(Load("""{"day": 1, "n": 1}""", """{"day": 1, "n": 2}""", """{"day": 2, "n": 3}"""));

        await pipeline.RunAsync(Load("""{"day": 1, "n": 10}""", """{"day": 3, "n": 30}"""));

        using var db = destination.OpenReader();
        Assert.Equal([[1L, 10L], [2L, 3L], [3L, 30L]], Rows(db, "SELECT day, n FROM {0} ORDER BY day, n", "events"));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Merge_without_keys_appends_the_staged_rows(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var pipeline = destination.CreatePipeline();
        Resource Load() => Resource.Create("events", Json.Items("""{"n": 1, "tags": ["a"]}""")).WithWriteDisposition(WriteDisposition.Merge);
        await pipeline.RunAsync(Load());

        await pipeline.RunAsync(Load());

        using var db = destination.OpenReader();
        Assert.Equal([[1L], [1L]], Rows(db, "SELECT n FROM {0}", "events"));
        Assert.Equal(2L, db.Count("events__tags"));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_primary_key_column_missing_from_the_data_fails_the_merge_and_leaves_the_tables_unchanged(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var pipeline = destination.CreatePipeline();
        await pipeline.RunAsync(Issues("""{"id": 1, "title": "a"}"""));

        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => pipeline.RunAsync(
            Resource.Create("issues", Json.Items("""{"id": 1, "title": "b"}""")).WithPrimaryKey("id", "no_such_column").WithWriteDisposition(WriteDisposition.Merge)));

        Assert.Contains("'no_such_column'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("'issues'", error.ToString(), StringComparison.Ordinal);
        using var db = destination.OpenReader();
        Assert.Equal([[1L, "a"]], Rows(db, "SELECT id, title FROM {0}", "issues"));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_merge_key_on_a_child_table_fails_the_merge_naming_it_and_leaves_the_tables_unchanged(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var pipeline = destination.CreatePipeline();
        await pipeline.RunAsync(Issues("""{"id": 1, "title": "a", "labels": ["x"]}"""));

        // "labels" is a list: its values go to the child table issues__labels, so the root table has no such column to match by.
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => pipeline.RunAsync(
            Issues("""{"id": 1, "title": "b", "labels": ["y"]}""", """{"id": 2, "title": "c", "labels": ["z"]}""").WithMergeKey("labels")));

        Assert.Contains("merge key column 'labels' of table 'issues'", error.ToString(), StringComparison.Ordinal);
        using var db = destination.OpenReader();
        Assert.Equal([[1L, "a"]], Rows(db, "SELECT id, title FROM {0}", "issues"));
        Assert.Equal([["x"]], Rows(db, "SELECT value FROM {0}", "issues__labels"));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_null_primary_key_fails_before_anything_is_deleted(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var pipeline = destination.CreatePipeline();
        await pipeline.RunAsync(Issues("""{"id": 1, "title": "a"}"""));

        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => pipeline.RunAsync(Issues("""{"id": 1, "title": "b"}""", """{"id": null, "title": "c"}""")));

        Assert.Contains("id", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("issues", error.ToString(), StringComparison.Ordinal);
        using var db = destination.OpenReader();
        Assert.Equal([[1L, "a"]], Rows(db, "SELECT id, title FROM {0}", "issues"));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_crash_right_after_the_merge_committed_does_not_merge_again_on_the_rerun(string kind)
    {
        using var destination = TestDestination.Create(kind);
        await destination.CreatePipeline().RunAsync(Issues("""{"id": 1, "title": "a", "labels": ["x"]}"""));
        var crash = new CrashOnce(FaultPoint.LoadFollowupCommitted);
        var crashing = destination.CreatePipeline(o => o with { FaultHook = crash.At });
        await Assert.ThrowsAsync<PipelineStepFailedException>(() => crashing.RunAsync(Issues(
            """{"id": 1, "title": "a2", "labels": ["x2"]}""",
            """{"id": 2, "title": "b", "labels": ["y"]}""")));
        Assert.True(crash.Crashed);

        await destination.CreatePipeline().LoadAsync();

        using var db = destination.OpenReader();
        Assert.Equal([[1L, "a2"], [2L, "b"]], Rows(db, "SELECT id, title FROM {0} ORDER BY id", "issues"));
        Assert.Equal([["x2"], ["y"]], Rows(db, "SELECT value FROM {0} ORDER BY value", "issues__labels"));
        Assert.Equal(2L, db.Count("_dlt_loads"));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_failing_merge_leaves_the_tables_unchanged_and_the_retried_package_merges_once(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var pipeline = destination.CreatePipeline();
        await pipeline.RunAsync(Issues("""{"id": 1, "title": "a", "labels": ["x"]}""", """{"id": 2, "title": "b", "labels": ["y"]}"""));
        using (var db = destination.OpenReader())
        {
            // The destination refuses the title 'boom': the follow-up insert fails after its deletes ran.
            RefuseTitle(destination, db, refuse: true);
        }

        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => pipeline.RunAsync(Issues(
            """{"id": 1, "title": "boom", "labels": ["x2"]}""",
            """{"id": 3, "title": "c", "labels": ["z"]}""")));
        Assert.Contains("Merging table 'issues'", error.ToString(), StringComparison.Ordinal);
        using (var db = destination.OpenReader())
        {
            Assert.Equal([[1L, "a"], [2L, "b"]], Rows(db, "SELECT id, title FROM {0} ORDER BY id", "issues"));
            Assert.Equal([["x"], ["y"]], Rows(db, "SELECT value FROM {0} ORDER BY value", "issues__labels"));
            RefuseTitle(destination, db, refuse: false);
        }

        var loadId = Directory.GetDirectories(Path.Combine(destination.PipelinesDirectory, "test_pipeline", "load", "loaded")).Select(Path.GetFileName).Order(StringComparer.Ordinal).Last()!;
        pipeline.RetryAbortedPackage(loadId);
        await pipeline.LoadAsync();
        await pipeline.LoadAsync();

        using var after = destination.OpenReader();
        Assert.Equal([[1L, "boom"], [2L, "b"], [3L, "c"]], Rows(after, "SELECT id, title FROM {0} ORDER BY id", "issues"));
        Assert.Equal([["x2"], ["y"], ["z"]], Rows(after, "SELECT value FROM {0} ORDER BY value", "issues__labels"));
        Assert.Equal(2L, after.Count("_dlt_loads"));
    }

    /// <summary>PostgreSQL takes a CHECK constraint on an existing table; DuckDB only at CREATE TABLE, so the table is rebuilt.</summary>
    private static void RefuseTitle(TestDestination destination, IDatasetReader db, bool refuse)
    {
        var table = db.Table("issues");
        if (destination.Kind == TestDestination.Postgres)
        {
            db.Query(refuse ? $"ALTER TABLE {table} ADD CONSTRAINT no_boom CHECK (title <> 'boom')" : $"ALTER TABLE {table} DROP CONSTRAINT no_boom");
            return;
        }

        var check = refuse ? ", CHECK (title <> 'boom')" : "";
        db.Query($"CREATE TABLE {db.Table("issues_copy")} AS SELECT * FROM {table}");
        db.Query($"DROP TABLE {table}");
        db.Query($"CREATE TABLE {table} (id BIGINT NOT NULL, title VARCHAR, _dlt_load_id VARCHAR NOT NULL, _dlt_id VARCHAR NOT NULL{check})");
        db.Query($"INSERT INTO {table} SELECT id, title, _dlt_load_id, _dlt_id FROM {db.Table("issues_copy")}");
        db.Query($"DROP TABLE {db.Table("issues_copy")}");
    }

    private static List<object?[]> Rows(IDatasetReader db, string sql, string table) =>
        [.. db.Query(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, db.Table(table)))];
}
