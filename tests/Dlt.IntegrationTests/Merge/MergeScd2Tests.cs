using System.Globalization;
using Dlt.IntegrationTests.Support;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Merge;

/// <summary>Merge strategy scd2 on every destination: versions, validity columns and child rows after several loads.</summary>
public sealed class MergeScd2Tests
{
    private static readonly DateTimeOffset T1 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = new(2024, 2, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T3 = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static Resource Customers(DateTimeOffset boundary, params string[] json) =>
        Resource.Create("customers", Json.Items(json)).WithWriteDisposition(WriteDisposition.Merge).WithScd2(new Scd2Options { BoundaryTimestamp = boundary });

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Keeps_every_version_with_validity_columns_and_retires_changed_and_absent_records(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var pipeline = destination.CreatePipeline();
        await pipeline.RunAsync(Customers(T1, """{"id": 1, "name": "a", "tags": ["x"]}""", """{"id": 2, "name": "b", "tags": ["y"]}"""));
        await pipeline.RunAsync(Customers(T2, """{"id": 1, "name": "a2", "tags": ["x", "z"]}""", """{"id": 2, "name": "b", "tags": ["y"]}"""));

        await pipeline.RunAsync(Customers(T3, """{"id": 2, "name": "b", "tags": ["y"]}"""));

        using var db = destination.OpenReader();
        Assert.Equal(
            [[1L, "a", Micros(T1), Micros(T2)], [1L, "a2", Micros(T2), Micros(T3)], [2L, "b", Micros(T1), null]],
            Rows(db, $"SELECT id, name, {db.EpochMicros("_dlt_valid_from")}, {db.EpochMicros("_dlt_valid_to")} FROM {{0}} ORDER BY id, _dlt_valid_from", "customers"));
        Assert.Equal(["_dlt_valid_from", "_dlt_valid_to", "id", "name", "_dlt_load_id", "_dlt_id"], db.ColumnNames("customers"));
        Assert.Equal(
            [["a", "x"], ["a2", "x"], ["a2", "z"], ["b", "y"]],
            Rows(db, $"SELECT c.name, t.value FROM {{0}} AS t JOIN {db.Table("customers")} AS c ON t._dlt_parent_id = c._dlt_id ORDER BY c.name, t.value", "customers__tags"));
        Assert.Equal(4L, db.Count("customers__tags"));
        Assert.DoesNotContain("_dlt_root_id", db.ColumnNames("customers__tags"));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_second_identical_scd2_load_changes_nothing(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var pipeline = destination.CreatePipeline();
        string[] items = ["""{"id": 1, "name": "a", "tags": ["x"]}""", """{"id": 2, "name": "b"}"""];
        await pipeline.RunAsync(Customers(T1, items));

        await pipeline.RunAsync(Customers(T2, items));

        using var db = destination.OpenReader();
        Assert.Equal(
            [[1L, Micros(T1), null], [2L, Micros(T1), null]],
            Rows(db, $"SELECT id, {db.EpochMicros("_dlt_valid_from")}, {db.EpochMicros("_dlt_valid_to")} FROM {{0}} ORDER BY id", "customers"));
        Assert.Equal(1L, db.Count("customers__tags"));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task With_a_merge_key_only_absent_records_of_the_loaded_keys_retire(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var pipeline = destination.CreatePipeline();
        Resource Load(DateTimeOffset boundary, params string[] json) => Customers(boundary, json).WithMergeKey("region");
        await pipeline.RunAsync(Load(T1, """{"id": 1, "region": "eu"}""", """{"id": 2, "region": "eu"}""", """{"id": 3, "region": "us"}"""));

        await pipeline.RunAsync(Load(T2, """{"id": 1, "region": "eu"}"""));

        using var db = destination.OpenReader();
        Assert.Equal(
            [[1L, null], [2L, Micros(T2)], [3L, null]],
            Rows(db, $"SELECT id, {db.EpochMicros("_dlt_valid_to")} FROM {{0}} ORDER BY id", "customers"));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task The_default_boundary_is_the_load_package_time_and_the_active_record_timestamp_is_configurable(string kind)
    {
        using var destination = TestDestination.Create(kind);
        var active = new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

        await destination.CreatePipeline().RunAsync(Resource.Create("customers", Json.Items("""{"id": 1}"""))
            .WithWriteDisposition(WriteDisposition.Merge).WithScd2(new Scd2Options { ActiveRecordTimestamp = active, ValidFromColumn = "valid_from", ValidToColumn = "valid_to" }));

        using var db = destination.OpenReader();
        var row = db.Query($"SELECT _dlt_load_id, {db.EpochMicros("valid_from")}, {db.EpochMicros("valid_to")} FROM {db.Table("customers")}").Single();
        var loadMicros = (long)Math.Round(decimal.Parse((string)row[0]!, CultureInfo.InvariantCulture) * 1_000_000m);
        Assert.Equal(loadMicros, Convert.ToInt64(row[1], CultureInfo.InvariantCulture));
        Assert.Equal(Micros(active), Convert.ToInt64(row[2], CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task The_row_version_is_dlt_row_hash_of_the_item_without_dlt_keys(string kind)
    {
        using var destination = TestDestination.Create(kind);

        await destination.CreatePipeline().RunAsync(Customers(T1, """{"name": "a", "id": 1, "address": {"zip": "1", "city": "X"}}"""));

        // digest128 of json.dumps(item, sort_keys=True) as dlt (orjson) writes it: compact, keys sorted at every level.
        using var db = destination.OpenReader();
        var expected = Convert.ToBase64String(System.Security.Cryptography.Shake128.HashData("{\"address\":{\"city\":\"X\",\"zip\":\"1\"},\"id\":1,\"name\":\"a\"}"u8, 10)).TrimEnd('=');
        Assert.Equal(expected, db.Scalar($"SELECT _dlt_id FROM {db.Table("customers")}"));
    }

    private static long Micros(DateTimeOffset value) => (value - DateTimeOffset.UnixEpoch).Ticks / 10;

    private static List<object?[]> Rows(IDatasetReader db, string sql, string table) =>
        [.. db.Query(string.Format(CultureInfo.InvariantCulture, sql, db.Table(table))).Select(r => r.Select(v => v is int or short or decimal ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : v).ToArray())];
}
