using Dlt.Destinations;
using Dlt.Schemas;

namespace Dlt.Tests.Destinations;

/// <summary>The follow-up SQL of merge chains: set-based, keys never ORed inside one EXISTS, identifiers quoted.</summary>
public sealed class SqlMergeJobTests
{
    private static List<TableSchema> Chain(Action<TableSchema>? configure = null)
    {
        var root = new TableSchema("issues") { WriteDisposition = WriteDisposition.Merge };
        root.SetColumn(new ColumnSchema("id", DataType.BigInt) { PrimaryKey = true, Nullable = false });
        root.SetColumn(new ColumnSchema("day", DataType.BigInt) { MergeKey = true });
        root.SetColumn(new ColumnSchema("deleted", DataType.Bool) { HardDelete = true });
        root.SetColumn(new ColumnSchema(Schema.IdColumn, DataType.Text) { Nullable = false });
        configure?.Invoke(root);
        var child = new TableSchema("issues__labels", "issues");
        child.SetColumn(new ColumnSchema("value", DataType.Text));
        child.SetColumn(new ColumnSchema(Schema.RootIdColumn, DataType.Text) { Nullable = false });
        child.SetColumn(new ColumnSchema(Schema.IdColumn, DataType.Text) { Nullable = false });
        return [root, child];
    }

    private static string Dest(string table) => $"\"ds\".\"{table}\"";

    private static string Staging(string table) => $"\"ds_staging\".\"{table}\"";

    [Fact]
    public void Delete_insert_matches_primary_key_and_merge_key_in_separate_semi_joins()
    {
        var sql = SqlMergeJob.DeleteInsert(Chain(), Dest, Staging, "abc");

        Assert.DoesNotContain(sql, s => s.Contains(" OR ", StringComparison.OrdinalIgnoreCase));
        var temp = Assert.Single(sql, s => s.StartsWith("CREATE TEMPORARY TABLE \"_dlt_delete_abc\"", StringComparison.Ordinal));
        Assert.Contains("d.\"id\" = s.\"id\"", temp, StringComparison.Ordinal);
        Assert.Contains(" UNION ", temp, StringComparison.Ordinal);
        Assert.Contains("d.\"day\" = s.\"day\"", temp, StringComparison.Ordinal);
        Assert.Contains(sql, s => s == "DELETE FROM \"ds\".\"issues__labels\" WHERE \"_dlt_root_id\" IN (SELECT \"_dlt_id\" FROM \"_dlt_delete_abc\")");
        Assert.Contains(sql, s => s.Contains("INSERT INTO \"ds\".\"issues\" ", StringComparison.Ordinal) && s.Contains("WHERE s.\"deleted\" IS DISTINCT FROM TRUE AND NOT EXISTS (SELECT 1 FROM \"_dlt_skip_abc\" AS k WHERE k.\"_dlt_id\" = s.\"_dlt_id\")", StringComparison.Ordinal));
        Assert.Contains(sql, s => s.StartsWith("INSERT INTO \"ds\".\"issues__labels\" ", StringComparison.Ordinal) && s.EndsWith("WHERE NOT EXISTS (SELECT 1 FROM \"_dlt_skip_abc\" AS k WHERE k.\"_dlt_id\" = s.\"_dlt_root_id\")", StringComparison.Ordinal));
        Assert.Equal("DROP TABLE \"_dlt_skip_abc\"", sql[^1]);
    }

    [Fact]
    public void Delete_insert_ranks_only_the_primary_keys_staged_more_than_once_and_skips_losers_and_hard_deleted_roots()
    {
        var sql = SqlMergeJob.DeleteInsert(Chain(), Dest, Staging, "abc");

        Assert.Contains("CREATE TEMPORARY TABLE \"_dlt_duplicate_abc\" AS SELECT \"id\" FROM \"ds_staging\".\"issues\" GROUP BY \"id\" HAVING count(*) > 1", sql);
        var skip = Assert.Single(sql, s => s.StartsWith("CREATE TEMPORARY TABLE \"_dlt_skip_abc\"", StringComparison.Ordinal));
        Assert.Equal(
            "CREATE TEMPORARY TABLE \"_dlt_skip_abc\" AS SELECT \"_dlt_id\" FROM (SELECT ROW_NUMBER() OVER (PARTITION BY \"id\" ORDER BY md5(\"_dlt_id\")) AS \"_dlt_dedup_rn\", \"_dlt_id\" FROM \"ds_staging\".\"issues\" AS s WHERE EXISTS (SELECT 1 FROM \"_dlt_duplicate_abc\" AS k WHERE k.\"id\" = s.\"id\")) AS _dlt_dedup_numbered WHERE \"_dlt_dedup_rn\" > 1" +
            " UNION ALL SELECT \"_dlt_id\" FROM \"ds_staging\".\"issues\" WHERE \"deleted\" = TRUE",
            skip);
        Assert.Single(sql, s => s.Contains("ROW_NUMBER()", StringComparison.Ordinal));
    }

    [Fact]
    public void Delete_insert_of_deduplicated_staging_without_hard_delete_inserts_the_staged_rows_as_they_are()
    {
        var sql = SqlMergeJob.DeleteInsert(
            Chain(root =>
            {
                root.Deduplicated = true;
                root.SetColumn(new ColumnSchema("deleted", DataType.Bool));
            }),
            Dest,
            Staging,
            "abc");

        Assert.Contains("INSERT INTO \"ds\".\"issues\" (\"id\", \"day\", \"deleted\", \"_dlt_id\") SELECT \"id\", \"day\", \"deleted\", \"_dlt_id\" FROM \"ds_staging\".\"issues\" AS s", sql);
        Assert.Contains("INSERT INTO \"ds\".\"issues__labels\" (\"value\", \"_dlt_root_id\", \"_dlt_id\") SELECT \"value\", \"_dlt_root_id\", \"_dlt_id\" FROM \"ds_staging\".\"issues__labels\" AS s", sql);
        Assert.DoesNotContain(sql, s => s.Contains("_dlt_skip_", StringComparison.Ordinal) || s.Contains("_dlt_duplicate_", StringComparison.Ordinal) || s.Contains("ROW_NUMBER()", StringComparison.Ordinal));
    }

    [Fact]
    public void Dedup_sort_descending_orders_the_row_number_by_the_column()
    {
        var sql = SqlMergeJob.DeleteInsert(Chain(root => root.SetColumn(new ColumnSchema("version", DataType.BigInt) { DedupSort = DedupSortOrder.Descending })), Dest, Staging, "abc");

        Assert.Contains(sql, s => s.Contains("ORDER BY \"version\" DESC", StringComparison.Ordinal));
    }

    [Fact]
    public void A_key_column_the_data_never_typed_is_refused_before_any_sql()
    {
        var refusal = SqlMergeJob.Refusal(Chain(root => root.SetColumn(new ColumnSchema("missing", null) { PrimaryKey = true }))[0]);

        Assert.Equal("The primary key column 'missing' of table 'issues' never appeared in the data, so the merge cannot match rows by it. Fix the column name of the hint or the data.", refusal);
    }

    [Fact]
    public void Upsert_merges_the_root_by_primary_key_and_children_by_row_key()
    {
        var sql = SqlMergeJob.Upsert(Chain(), Dest, Staging);

        Assert.StartsWith("MERGE INTO \"ds\".\"issues\" AS d USING \"ds_staging\".\"issues\" AS s ON d.\"id\" = s.\"id\" WHEN MATCHED AND s.\"deleted\" = TRUE THEN DELETE WHEN MATCHED THEN UPDATE SET", sql[0], StringComparison.Ordinal);
        Assert.Contains(sql, s => s.StartsWith("MERGE INTO \"ds\".\"issues__labels\" AS d USING \"ds_staging\".\"issues__labels\" AS s ON d.\"_dlt_id\" = s.\"_dlt_id\"", StringComparison.Ordinal));
        Assert.DoesNotContain(sql, s => s.Contains("\"day\" = s.\"day\" AND", StringComparison.Ordinal) || s.Contains("ON d.\"day\"", StringComparison.Ordinal));
    }
}
