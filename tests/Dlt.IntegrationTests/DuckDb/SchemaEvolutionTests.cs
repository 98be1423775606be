using Dlt.TestKit;

namespace Dlt.IntegrationTests.DuckDb;

public sealed class SchemaEvolutionTests : IDisposable
{
    private readonly TempPipelineDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_second_run_with_new_fields_adds_columns_and_child_tables()
    {
        // Given a first run with two columns
        await _dir.CreatePipeline().RunAsync(Resource.Create("people", Json.Items("""{"id": 1, "name": "a"}""")));

        // When a second run brings a new column, a nested object and a list
        await _dir.CreatePipeline().RunAsync(Resource.Create("people", Json.Items(
            """{"id": 2, "name": "b", "email": "b@x", "home": {"city": "Y"}, "pets": ["cat"]}""")));

        // Then the table evolved: new columns appended after the system columns, old rows keep nulls
        using var db = _dir.OpenDatabase();
        Assert.Equal(
            ["id", "name", "_dlt_load_id", "_dlt_id", "email", "home__city"],
            db.Columns("test_data", "people").Select(c => c.Name));
        var rows = db.Query("SELECT id, email, home__city FROM test_data.people ORDER BY id");
        Assert.Equal([1L, null, null], rows[0]);
        Assert.Equal([2L, "b@x", "Y"], rows[1]);
        Assert.Equal(1L, db.Count("test_data", "people__pets"));
        Assert.Equal(2L, db.Count("test_data", "_dlt_loads"));
        Assert.Equal(2L, db.Count("test_data", "_dlt_version"));
    }

    [Fact]
    public async Task Replace_truncates_the_table_chain_before_inserting()
    {
        // Given a table with children loaded once
        var first = Json.Items("""{"id": 1, "tags": ["a", "b"]}""", """{"id": 2, "tags": ["c"]}""", """{"id": 3}""");
        await _dir.CreatePipeline().RunAsync(Resource.Create("things", first).WithWriteDisposition(WriteDisposition.Replace));

        // When replaced by a smaller set
        var second = Json.Items("""{"id": 10, "tags": ["z"]}""");
        await _dir.CreatePipeline().RunAsync(Resource.Create("things", second).WithWriteDisposition(WriteDisposition.Replace));

        // Then only the new rows remain, in the parent and in the child table
        using var db = _dir.OpenDatabase();
        Assert.Equal([10L], db.Query("SELECT id FROM test_data.things").Select(r => r[0]));
        Assert.Equal(["z"], db.Query("SELECT value FROM test_data.things__tags").Select(r => r[0]));
    }

    [Fact]
    public async Task Append_keeps_adding_rows()
    {
        // Given / When two appends
        await _dir.CreatePipeline().RunAsync(Resource.Create("log", Json.Items("""{"n": 1}""")));
        await _dir.CreatePipeline().RunAsync(Resource.Create("log", Json.Items("""{"n": 2}""")));

        // Then
        using var db = _dir.OpenDatabase();
        Assert.Equal(2L, db.Count("test_data", "log"));
        Assert.Equal(2L, Convert.ToInt64(db.Scalar("SELECT count(DISTINCT _dlt_load_id) FROM test_data.log"), System.Globalization.CultureInfo.InvariantCulture));
    }
}
