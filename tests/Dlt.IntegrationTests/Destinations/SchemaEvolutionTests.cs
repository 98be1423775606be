using Dlt.IntegrationTests.Support;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Destinations;

/// <summary>Schema evolution and write dispositions, against every destination.</summary>
public sealed class SchemaEvolutionTests
{
    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task A_second_run_with_new_fields_adds_columns_and_child_tables(string kind)
    {
        // Given a first run with two columns
        using var destination = TestDestination.Create(kind);
        await destination.CreatePipeline().RunAsync(Resource.Create("people", Json.Items("""{"id": 1, "name": "a"}""")));

        // When a second run brings a new column, a nested object and a list
        await destination.CreatePipeline().RunAsync(Resource.Create("people", Json.Items(
            """{"id": 2, "name": "b", "email": "b@x", "home": {"city": "Y"}, "pets": ["cat"]}""")));

        // Then the table evolved: new columns appended after the system columns, old rows keep nulls
        using var db = destination.OpenReader();
        Assert.Equal(["id", "name", "_dlt_load_id", "_dlt_id", "email", "home__city"], db.ColumnNames("people"));
        var rows = db.Query($"SELECT id, email, home__city FROM {db.Table("people")} ORDER BY id");
        Assert.Equal([1L, null, null], rows[0]);
        Assert.Equal([2L, "b@x", "Y"], rows[1]);
        Assert.Equal(1L, db.Count("people__pets"));
        Assert.Equal(2L, db.Count("_dlt_loads"));
        Assert.Equal(2L, db.Count("_dlt_version"));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Replace_truncates_the_table_chain_before_inserting(string kind)
    {
        // Given a table with children loaded once
        using var destination = TestDestination.Create(kind);
        var first = Json.Items("""{"id": 1, "tags": ["a", "b"]}""", """{"id": 2, "tags": ["c"]}""", """{"id": 3}""");
        await destination.CreatePipeline().RunAsync(Resource.Create("things", first).WithWriteDisposition(WriteDisposition.Replace));

        // When replaced by a smaller set
        var second = Json.Items("""{"id": 10, "tags": ["z"]}""");
        await destination.CreatePipeline().RunAsync(Resource.Create("things", second).WithWriteDisposition(WriteDisposition.Replace));

        // Then only the new rows remain, in the parent and in the child table
        using var db = destination.OpenReader();
        Assert.Equal([10L], db.Query($"SELECT id FROM {db.Table("things")}").Select(r => r[0]));
        Assert.Equal(["z"], db.Query($"SELECT value FROM {db.Table("things__tags")}").Select(r => r[0]));
    }

    [Theory]
    [InlineData(TestDestination.DuckDb)]
    [InlineData(TestDestination.Postgres)]
    public async Task Append_keeps_adding_rows(string kind)
    {
        // Given / When two appends
        using var destination = TestDestination.Create(kind);
        await destination.CreatePipeline().RunAsync(Resource.Create("log", Json.Items("""{"n": 1}""")));
        await destination.CreatePipeline().RunAsync(Resource.Create("log", Json.Items("""{"n": 2}""")));

        // Then
        using var db = destination.OpenReader();
        Assert.Equal(2L, db.Count("log"));
        Assert.Equal(2L, Convert.ToInt64(db.Scalar($"SELECT count(DISTINCT _dlt_load_id) FROM {db.Table("log")}"), System.Globalization.CultureInfo.InvariantCulture));
    }
}
