using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dlt.IntegrationTests.Support;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Merge;

/// <summary>
/// The staging dataset of merge tables: its name from dlt's <c>staging_dataset_name_layout</c>,
/// emptied after the load with dlt's <c>load.truncate_staging_dataset</c>, and which staged
/// duplicate of a primary key a merge keeps when no <c>dedup_sort</c> decides.
/// </summary>
public sealed class StagingDatasetTests
{
    private static Resource Issues(params string[] json) =>
        Resource.Create("issues", Json.Items(json)).WithPrimaryKey("id").WithWriteDisposition(WriteDisposition.Merge);

    private static Pipeline CreatePipeline(TestDestination destination, params (string Key, string Value)[] environment) =>
        destination.CreatePipeline(o => o with { EnvironmentVariables = environment.ToDictionary(e => e.Key, e => e.Value) });

    private static long Count(IDatasetReader db, string sql) => Convert.ToInt64(db.Query(sql)[0][0], CultureInfo.InvariantCulture);

    private static long SchemaCount(IDatasetReader db, string schema) =>
        Count(db, $"SELECT count(*) FROM information_schema.schemata WHERE schema_name = '{schema}'");

    // dlt: DestinationClientDwhConfiguration.normalize_staging_dataset_name (staging_dataset_name_layout, "%s_staging").
    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task The_staging_dataset_is_named_by_the_configured_layout(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var staging = destination.Dataset + "_stg";
        try
        {
            var pipeline = CreatePipeline(destination, ("DESTINATION__STAGING_DATASET_NAME_LAYOUT", "%s_STG"));
            await pipeline.RunAsync(Issues("""{"id": 1, "title": "a"}""", """{"id": 2, "title": "b"}"""));

            using var db = destination.OpenReader();
            Assert.Equal(2L, Count(db, $"SELECT count(*) FROM \"{staging}\".\"issues\""));
            Assert.Equal(0L, SchemaCount(db, destination.Dataset + "_staging"));
            Assert.Equal(2L, db.Query($"SELECT id FROM {db.Table("issues")}").Count);
        }
        finally
        {
            if (kind == TestDestination.Postgres)
            {
                TestPostgres.DropSchema(staging);
            }
        }
    }

    // dlt: a layout without %s is the staging dataset's full name; one equal to the dataset name is refused.
    [Fact]
    public void A_layout_that_names_the_dataset_itself_is_refused_naming_the_key()
    {
        using var destination = TestDestination.Create(TestDestination.DuckDb);
        var error = Assert.Throws<ConfigException>(() => CreatePipeline(destination, ("DESTINATION__STAGING_DATASET_NAME_LAYOUT", destination.Dataset)));
        Assert.Contains("staging_dataset_name_layout", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{destination.Dataset}'", error.Message, StringComparison.Ordinal);
    }

    // dlt: Load._maybe_truncate_staging_dataset (load.truncate_staging_dataset, default false).
    [Theory]
    [InlineData(TestDestination.DuckDb, false)]
    [InlineData(TestDestination.DuckDb, true)]
    [InlineData(TestDestination.Postgres, false)]
    [InlineData(TestDestination.Postgres, true)]
    public async Task Truncate_staging_dataset_empties_the_staging_tables_after_the_load(string kind, bool truncate)
    {
        using var destination = TestDestination.Create(kind);
        var pipeline = CreatePipeline(destination, ("LOAD__TRUNCATE_STAGING_DATASET", truncate ? "true" : "false"));
        await pipeline.RunAsync(Issues("""{"id": 1, "title": "a", "labels": ["x", "y"]}""", """{"id": 2, "title": "b", "labels": ["z"]}"""));

        using var db = destination.OpenReader();
        var staging = destination.Dataset + "_staging";
        Assert.Equal(truncate ? 0L : 2L, Count(db, $"SELECT count(*) FROM \"{staging}\".\"issues\""));
        Assert.Equal(truncate ? 0L : 3L, Count(db, $"SELECT count(*) FROM \"{staging}\".\"issues__labels\""));
        Assert.Equal(2L, db.Query($"SELECT id FROM {db.Table("issues")}").Count);
        Assert.Equal(3L, db.Query($"SELECT value FROM {db.Table("issues__labels")}").Count);
    }

    // dlt: SqlMergeFollowupJob.gen_select_from_dedup_sql orders duplicates by (SELECT NULL), an arbitrary
    // row; ours keeps the duplicate with the smallest MD5 of its _dlt_id, on both destinations alike.
    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Without_dedup_sort_the_duplicate_with_the_smallest_md5_of_its_row_id_wins_with_its_children(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var pipeline = destination.CreatePipeline();
        var items = new List<string>();
        for (var copy = 0; copy < 6; copy++)
        {
            for (var id = 1; id <= 5; id++)
            {
                items.Add($$"""{"id": {{id}}, "title": "t{{id}}-{{copy}}", "labels": ["l{{id}}-{{copy}}"]}""");
            }
        }

        await pipeline.RunAsync(Issues([.. items]));

        using var db = destination.OpenReader();
        var staged = db.Query($"SELECT id, title, _dlt_id FROM \"{destination.Dataset}_staging\".\"issues\"");
        Assert.Equal(30, staged.Count);
        var expected = staged
            .GroupBy(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key)
            .Select(g => g.MinBy(r => Md5Hex((string)r[2]!), StringComparer.Ordinal)!)
            .Select(r => (Id: Convert.ToInt64(r[0], CultureInfo.InvariantCulture), Title: (string)r[1]!))
            .ToList();
        var kept = db.Query($"SELECT id, title FROM {db.Table("issues")} ORDER BY id").Select(r => (Convert.ToInt64(r[0], CultureInfo.InvariantCulture), (string)r[1]!)).ToList();
        Assert.Equal(expected, kept);
        var labels = db.Query($"SELECT i.title, l.value FROM {db.Table("issues__labels")} AS l JOIN {db.Table("issues")} AS i ON l._dlt_root_id = i._dlt_id ORDER BY i.id")
            .Select(r => ((string)r[0]!, (string)r[1]!)).ToList();
        Assert.Equal(expected.Select(e => (e.Title, "l" + e.Title[1..])), labels);
        Assert.Equal(5, db.Query($"SELECT value FROM {db.Table("issues__labels")}").Count);
    }

    private static string Md5Hex(string value) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(value)));
}
