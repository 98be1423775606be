using Dlt.IntegrationTests.Support;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Merge;

/// <summary>
/// A table whose write disposition changes between runs follows the new one, as dlt does: every
/// switch among append, replace and merge (delete-insert) on every destination, with the exact rows
/// of the root and child tables afterwards.
/// </summary>
public sealed class WriteDispositionChangeTests
{
    private static Resource Issues(WriteDisposition disposition, params string[] json) =>
        Resource.Create("issues", Json.Items(json)).WithPrimaryKey("id").WithWriteDisposition(disposition);

    private static readonly string[] s_first = ["""{"id": 1, "title": "a", "labels": ["x", "y"]}""", """{"id": 2, "title": "b", "labels": ["z"]}"""];
    private static readonly string[] s_second = ["""{"id": 2, "title": "b2", "labels": ["z2"]}""", """{"id": 3, "title": "c", "labels": ["w"]}"""];

    [Theory]
    [InlineData(TestDestination.DuckDb, "Merge", "Append", "1:a 2:b 2:b2 3:c", "1:x 1:y 2:z 2:z2 3:w")]
    [InlineData(TestDestination.Postgres, "Merge", "Append", "1:a 2:b 2:b2 3:c", "1:x 1:y 2:z 2:z2 3:w")]
    [InlineData(TestDestination.DuckDb, "Merge", "Replace", "2:b2 3:c", "2:z2 3:w")]
    [InlineData(TestDestination.Postgres, "Merge", "Replace", "2:b2 3:c", "2:z2 3:w")]
    [InlineData(TestDestination.DuckDb, "Append", "Merge", "1:a 2:b2 3:c", "1:x 1:y 2:z2 3:w")]
    [InlineData(TestDestination.Postgres, "Append", "Merge", "1:a 2:b2 3:c", "1:x 1:y 2:z2 3:w")]
    [InlineData(TestDestination.DuckDb, "Replace", "Merge", "1:a 2:b2 3:c", "1:x 1:y 2:z2 3:w")]
    [InlineData(TestDestination.Postgres, "Replace", "Merge", "1:a 2:b2 3:c", "1:x 1:y 2:z2 3:w")]
    [InlineData(TestDestination.DuckDb, "Append", "Replace", "2:b2 3:c", "2:z2 3:w")]
    [InlineData(TestDestination.Postgres, "Append", "Replace", "2:b2 3:c", "2:z2 3:w")]
    [InlineData(TestDestination.DuckDb, "Replace", "Append", "1:a 2:b 2:b2 3:c", "1:x 1:y 2:z 2:z2 3:w")]
    [InlineData(TestDestination.Postgres, "Replace", "Append", "1:a 2:b 2:b2 3:c", "1:x 1:y 2:z 2:z2 3:w")]
    public async Task The_second_run_follows_the_new_write_disposition(string kind, string from, string to, string roots, string children)
    {
        using var destination = TestDestination.Create(kind);
        var pipeline = destination.CreatePipeline();
        await pipeline.RunAsync(Issues(Enum.Parse<WriteDisposition>(from), s_first));
        await pipeline.RunAsync(Issues(Enum.Parse<WriteDisposition>(to), s_second));

        using var db = destination.OpenReader();
        Assert.Equal(roots, Joined(db.Query($"SELECT id, title FROM {db.Table("issues")} ORDER BY id, title")));
        Assert.Equal(children, Joined(db.Query($"SELECT i.id, l.value FROM {db.Table("issues__labels")} AS l JOIN {db.Table("issues")} AS i ON l._dlt_parent_id = i._dlt_id ORDER BY i.id, l.value")));
        Assert.Equal(children.Split(' ').Length, (int)db.Count("issues__labels"));
        if (db.ColumnNames("issues__labels").Contains("_dlt_root_id"))
        {
            // Once merged, every child row carries its root's id (appended rows included); merged into, old rows got theirs.
            Assert.Equal(0L, Convert.ToInt64(db.Scalar($"SELECT count(*) FROM {db.Table("issues__labels")} WHERE _dlt_root_id IS NULL OR _dlt_root_id <> _dlt_parent_id"), System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(2L, db.Count("_dlt_loads"));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Merge_then_append_then_merge_again_keeps_the_root_key_and_replaces_the_rows_of_every_level(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var pipeline = destination.CreatePipeline();
        await pipeline.RunAsync(Issues(WriteDisposition.Merge, """{"id": 1, "title": "a", "comments": [{"text": "c1", "reactions": ["r1", "r2"]}]}"""));
        await pipeline.RunAsync(Issues(WriteDisposition.Append, """{"id": 2, "title": "b", "comments": [{"text": "c2", "reactions": ["r3"]}]}"""));
        await pipeline.RunAsync(Issues(WriteDisposition.Merge, """{"id": 1, "title": "a2", "comments": [{"text": "c1b", "reactions": ["r4"]}]}"""));

        using var db = destination.OpenReader();
        Assert.Equal("1:a2 2:b", Joined(db.Query($"SELECT id, title FROM {db.Table("issues")} ORDER BY id")));
        Assert.Equal("1:c1b 2:c2", Joined(db.Query($"SELECT i.id, c.text FROM {db.Table("issues__comments")} AS c JOIN {db.Table("issues")} AS i ON c._dlt_root_id = i._dlt_id ORDER BY i.id")));
        Assert.Equal("1:r4 2:r3", Joined(db.Query($"SELECT i.id, r.value FROM {db.Table("issues__comments__reactions")} AS r JOIN {db.Table("issues")} AS i ON r._dlt_root_id = i._dlt_id ORDER BY i.id, r.value")));
        Assert.Equal(2L, db.Count("issues__comments"));
        Assert.Equal(2L, db.Count("issues__comments__reactions"));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Append_then_merge_fills_the_root_key_of_the_old_rows_at_every_level_so_the_merge_replaces_them(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var pipeline = destination.CreatePipeline();
        await pipeline.RunAsync(Issues(
            WriteDisposition.Append,
            """{"id": 1, "title": "a", "comments": [{"text": "c1", "reactions": ["r1", "r2"]}, {"text": "c2", "reactions": ["r3"]}]}""",
            """{"id": 2, "title": "b", "comments": [{"text": "c3", "reactions": ["r4"]}]}"""));
        await pipeline.RunAsync(Issues(WriteDisposition.Merge, """{"id": 1, "title": "a2", "comments": [{"text": "c1b", "reactions": ["r5"]}]}"""));

        using var db = destination.OpenReader();
        Assert.Equal("1:a2 2:b", Joined(db.Query($"SELECT id, title FROM {db.Table("issues")} ORDER BY id")));
        Assert.Equal("1:c1b 2:c3", Joined(db.Query($"SELECT i.id, c.text FROM {db.Table("issues__comments")} AS c JOIN {db.Table("issues")} AS i ON c._dlt_root_id = i._dlt_id ORDER BY i.id")));
        Assert.Equal("1:r5 2:r4", Joined(db.Query($"SELECT i.id, r.value FROM {db.Table("issues__comments__reactions")} AS r JOIN {db.Table("issues")} AS i ON r._dlt_root_id = i._dlt_id ORDER BY i.id, r.value")));
        Assert.Equal(2L, db.Count("issues__comments"));
        Assert.Equal(2L, db.Count("issues__comments__reactions"));
    }

    /// <summary>Rows of two values as <c>a:b</c>, space-separated.</summary>
    private static string Joined(IEnumerable<object?[]> rows) =>
        string.Join(' ', rows.Select(r => string.Join(':', r.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)))));
}
