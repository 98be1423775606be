using Dlt.Tests.Support;

namespace Dlt.Tests.Extract;

public sealed class ColumnHintTests
{
    [Fact]
    public async Task A_primary_key_hint_marks_the_column_as_a_non_nullable_primary_key()
    {
        // When
        using var run = await NormalizeRun.OfAsync(Resource.Create("users", Json.Items("""{"User ID": 1, "name": "a"}""")).WithPrimaryKey("User ID"));

        // Then the key is normalized like the data key, and typed by the data
        Assert.True(run.Flag("users", "user_id", "primary_key"));
        Assert.False(run.Column("users", "user_id").GetProperty("nullable").GetBoolean());
        Assert.Equal("bigint", run.DataType("users", "user_id"));
    }

    [Fact]
    public async Task A_declared_column_type_wins_over_inference_and_values_are_coerced_into_it()
    {
        // Given a column declared as text whose values look like numbers and timestamps
        var resource = Resource.Create("codes", Json.Items("""{"code": 7}""", """{"code": "2024-01-02T03:04:05Z"}"""))
            .WithColumns(new ColumnHint("code", DataType.Text));

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal("text", run.DataType("codes", "code"));
        Assert.Equal(["7", "2024-01-02T03:04:05Z"], run.Rows("codes").Select(r => r["code"]));
        Assert.DoesNotContain(run.ColumnNames("codes"), c => c.StartsWith("code__v_", StringComparison.Ordinal));
    }
}
