using Dlt.Tests.Support;

namespace Dlt.Tests.Extract;

public sealed class TableNameHintTests
{
    [Fact]
    public async Task A_table_name_hint_loads_the_resource_into_that_table()
    {
        // When
        using var run = await NormalizeRun.OfAsync(Resource.Create("api_users", Json.Items("""{"id": 1}""")).WithTableName("Users Table"));

        // Then the name is normalized like any other
        Assert.Equal(["users_table"], run.DataTableNames);
        Assert.Single(run.Rows("users_table"));
    }

    [Fact]
    public async Task A_table_name_function_routes_each_item_by_its_content()
    {
        // Given events of two kinds in one resource
        var events = new[]
        {
            new Event("push", 1), new Event("issue", 2), new Event("push", 3),
        };

        // When
        using var run = await NormalizeRun.OfAsync(Resource.Create("events", events).WithTableName<Event>(e => e.Kind + "_events"));

        // Then
        Assert.Equal(["push_events", "issue_events"], run.DataTableNames);
        Assert.Equal([1L, 3L], run.Rows("push_events").Select(r => r["id"]));
        Assert.Equal([2L], run.Rows("issue_events").Select(r => r["id"]));
        Assert.Equal("events", run.Table("push_events").GetProperty("resource").GetString());
    }

    private sealed record Event(string Kind, int Id);
}
