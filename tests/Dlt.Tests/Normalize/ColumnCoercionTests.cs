using Dlt.Tests.Support;

namespace Dlt.Tests.Normalize;

/// <summary>A value meeting an existing column of another type is coerced into it (reference §4.5).</summary>
public sealed class ColumnCoercionTests
{
    [Fact]
    public async Task An_integer_into_an_existing_text_column_becomes_its_string_form()
    {
        // Given
        var resource = Json.Resource("t", """{"a": "x"}""", """{"a": 5}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(["a", "_dlt_load_id", "_dlt_id"], run.ColumnNames("t"));
        Assert.Equal("text", run.DataType("t", "a"));
        Assert.Equal(["x", "5"], run.Rows("t").Select(r => r["a"]));
    }

    [Fact]
    public async Task An_integral_float_into_an_existing_bigint_column_becomes_an_integer()
    {
        // Given
        var resource = Json.Resource("t", """{"n": 7}""", """{"n": 1.0}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(["n", "_dlt_load_id", "_dlt_id"], run.ColumnNames("t"));
        Assert.Equal([7L, 1L], run.Rows("t").Select(r => r["n"]));
    }

    [Fact]
    public async Task An_iso_string_into_an_existing_timestamp_column_becomes_a_timestamp()
    {
        // Given
        IEnumerable<object> items =
        [
            new Dictionary<string, object?> { ["ts"] = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc) },
            new Dictionary<string, object?> { ["ts"] = "2024-05-06T07:08:09+00:00" },
        ];

        // When
        using var run = await NormalizeRun.OfAsync(Resource.Create("t", items));

        // Then
        Assert.Equal(["ts", "_dlt_load_id", "_dlt_id"], run.ColumnNames("t"));
        Assert.Equal(
            [new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc)],
            run.Rows("t").Select(r => r["ts"]));
    }

    [Fact]
    public async Task A_later_package_coerces_into_the_columns_of_the_stored_schema()
    {
        // Given
        using var run = new NormalizeRun();
        await run.ExtractAndNormalizeAsync(Json.Resource("t", """{"a": "x"}"""));

        // When
        await run.ExtractAndNormalizeAsync(Json.Resource("t", """{"a": 5}"""));

        // Then
        Assert.Equal(["a", "_dlt_load_id", "_dlt_id"], run.ColumnNames("t"));
        Assert.Equal("5", Assert.Single(run.Rows("t"))["a"]);
    }

    [Fact]
    public async Task A_declared_column_type_wins_over_inference()
    {
        // Given
        var resource = Json.Resource("t", """{"a": 5}""").WithColumns(new ColumnHint("a", DataType.Text));

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal("text", run.DataType("t", "a"));
        Assert.Equal("5", Assert.Single(run.Rows("t"))["a"]);
    }
}
