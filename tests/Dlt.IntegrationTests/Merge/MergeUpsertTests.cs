using Dlt.IntegrationTests.Support;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Merge;

/// <summary>Merge strategies upsert and insert-only on every destination: exact rows of root and child tables after several loads.</summary>
public sealed class MergeUpsertTests
{
    private static Resource Issues(MergeStrategy strategy, params string[] json) =>
        Resource.Create("issues", Json.Items(json))
            .WithPrimaryKey("id")
            .WithWriteDisposition(WriteDisposition.Merge)
            .WithMergeStrategy(strategy)
            .WithColumns(new ColumnHint("deleted", DataType.Bool) { HardDelete = true });

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Upsert_updates_and_inserts_roots_merges_children_and_deletes_orphaned_and_hard_deleted_ones(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var pipeline = destination.CreatePipeline();
        await pipeline.RunAsync(Issues(MergeStrategy.Upsert,
            """{"id": 1, "title": "a", "labels": ["x", "y"]}""",
            """{"id": 2, "title": "b", "labels": ["z"]}""",
            """{"id": 3, "title": "c", "labels": ["w"]}"""));
        string firstId;
        using (var db = destination.OpenReader())
        {
            firstId = (string)db.Scalar($"SELECT _dlt_id FROM {db.Table("issues")} WHERE id = 1")!;
        }

        await pipeline.RunAsync(Issues(MergeStrategy.Upsert,
            """{"id": 1, "title": "a2", "labels": ["x2"]}""",
            """{"id": 2, "title": "b", "deleted": true}""",
            """{"id": 4, "title": "d", "labels": ["q"]}"""));

        using var after = destination.OpenReader();
        Assert.Equal([[1L, "a2"], [3L, "c"], [4L, "d"]], Rows(after, "SELECT id, title FROM {0} ORDER BY id", "issues"));
        Assert.Equal(
            [[1L, "x2", 0L], [3L, "w", 0L], [4L, "q", 0L]],
            Rows(after, $"SELECT i.id, l.value, l._dlt_list_idx FROM {{0}} AS l JOIN {after.Table("issues")} AS i ON l._dlt_root_id = i._dlt_id ORDER BY i.id", "issues__labels"));
        Assert.Equal(3L, after.Count("issues__labels"));
        Assert.Equal(firstId, after.Scalar($"SELECT _dlt_id FROM {after.Table("issues")} WHERE id = 1"));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Upsert_row_ids_are_dlt_key_hashes_of_the_primary_key(string kind)
    {
        using var destination = TestDestination.Create(kind);

        await destination.CreatePipeline().RunAsync(Issues(MergeStrategy.Upsert, """{"id": 1, "title": "a"}"""));

        // digest128('{"id":1}', 10) in dlt: SHAKE128 of the compact JSON, base64 without padding.
        using var db = destination.OpenReader();
        var expected = Convert.ToBase64String(System.Security.Cryptography.Shake128.HashData("{\"id\":1}"u8, 10)).TrimEnd('=');
        Assert.Equal(expected, db.Scalar($"SELECT _dlt_id FROM {db.Table("issues")}"));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_second_identical_upsert_load_changes_nothing(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var pipeline = destination.CreatePipeline();
        string[] items = ["""{"id": 1, "title": "a", "labels": ["x", "y"]}""", """{"id": 2, "title": "b", "labels": ["z"]}"""];
        await pipeline.RunAsync(Issues(MergeStrategy.Upsert, items));

        await pipeline.RunAsync(Issues(MergeStrategy.Upsert, items));

        using var db = destination.OpenReader();
        Assert.Equal([[1L, "a"], [2L, "b"]], Rows(db, "SELECT id, title FROM {0} ORDER BY id", "issues"));
        Assert.Equal([["x"], ["y"], ["z"]], Rows(db, "SELECT value FROM {0} ORDER BY value", "issues__labels"));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Insert_only_inserts_new_keys_with_their_children_and_never_updates_or_deletes(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var pipeline = destination.CreatePipeline();
        await pipeline.RunAsync(Issues(MergeStrategy.InsertOnly,
            """{"id": 1, "title": "a", "labels": ["x"]}""",
            """{"id": 2, "title": "b", "labels": ["y"]}"""));

        await pipeline.RunAsync(Issues(MergeStrategy.InsertOnly,
            """{"id": 1, "title": "a2", "labels": ["x2"]}""",
            """{"id": 2, "title": "b", "deleted": true}""",
            """{"id": 3, "title": "c", "labels": ["z"]}""",
            """{"id": 4, "title": "d", "deleted": true, "labels": ["q"]}"""));

        using var db = destination.OpenReader();
        Assert.Equal([[1L, "a"], [2L, "b"], [3L, "c"]], Rows(db, "SELECT id, title FROM {0} ORDER BY id", "issues"));
        Assert.Equal(
            [[1L, "x"], [2L, "y"], [3L, "z"]],
            Rows(db, $"SELECT i.id, l.value FROM {{0}} AS l JOIN {db.Table("issues")} AS i ON l._dlt_root_id = i._dlt_id ORDER BY i.id", "issues__labels"));
        Assert.Equal(3L, db.Count("issues__labels"));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Upsert_without_a_primary_key_is_a_schema_error_before_extract(string kind)
    {
        using var destination = TestDestination.Create(kind);

        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => destination.CreatePipeline().RunAsync(
            Resource.Create("issues", Json.Items("""{"id": 1}""")).WithWriteDisposition(WriteDisposition.Merge).WithMergeStrategy(MergeStrategy.Upsert)));

        Assert.Equal("extract", error.Step);
        Assert.Contains("needs a primary key", error.ToString(), StringComparison.Ordinal);
    }

    private static List<object?[]> Rows(IDatasetReader db, string sql, string table) =>
        [.. db.Query(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, db.Table(table)))];
}
