using System.Globalization;
using System.Numerics;
using Dlt.Tests.Support;

namespace Dlt.Tests.Normalize;

/// <summary>The data type a new column gets from the first value seen (reference §4.5).</summary>
public sealed class TypeInferenceTests
{
    private enum Color
    {
        Red,
        Green,
    }

    [Theory]
    [InlineData("\"some text\"", "text")]
    [InlineData("\"2024-05-06T07:08:09+00:00\"", "timestamp")]
    [InlineData("\"2024-05-06\"", "text")]
    [InlineData("42", "bigint")]
    [InlineData("-7", "bigint")]
    [InlineData("1.5", "double")]
    [InlineData("true", "bool")]
    [InlineData("false", "bool")]
    public async Task Infers_the_type_of_a_json_value(string json, string expectedType)
    {
        // Given
        var resource = Json.Resource("t", $$"""{"v": {{json}}}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(expectedType, run.DataType("t", "v"));
    }

    [Fact]
    public async Task An_iso_datetime_string_is_stored_as_a_utc_timestamp()
    {
        // Given
        var resource = Json.Resource("t", """{"v": "2024-05-06T07:08:09+02:00"}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(new DateTime(2024, 5, 6, 5, 8, 9, DateTimeKind.Utc), Assert.Single(run.Rows("t"))["v"]);
    }

    public static TheoryData<object, string> TypedValues => new()
    {
        { 12.5m, "decimal" },
        { new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc), "timestamp" },
        { new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)), "timestamp" },
        { new DateOnly(2024, 5, 6), "date" },
        { new TimeOnly(7, 8, 9), "time" },
        { new byte[] { 1, 2, 3 }, "binary" },
        { BigInteger.Parse("123456789012345678901234567890", CultureInfo.InvariantCulture), "wei" },
        { ulong.MaxValue, "wei" },
        { 5UL, "bigint" },
        { 5, "bigint" },
        { long.MaxValue, "bigint" },
        { 2.5, "double" },
        { 2.5f, "double" },
        { 2.0, "double" },
        { 0.0, "double" },
        { -3.0f, "double" },
        { 1e20, "double" },
        { true, "bool" },
        { Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), "text" },
        { Color.Green, "text" },
        { "plain", "text" },
    };

    [Theory]
    [MemberData(nameof(TypedValues))]
    public async Task Infers_the_type_of_a_dotnet_value(object value, string expectedType)
    {
        // Given
        var resource = Resource.Create("t", [new Dictionary<string, object?> { ["v"] = value }]);

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(expectedType, run.DataType("t", "v"));
    }

    [Fact]
    public async Task Typed_dotnet_values_keep_their_value()
    {
        // Given
        var item = new Dictionary<string, object?>
        {
            ["ts"] = new DateTime(2024, 5, 6, 7, 8, 9, 123, DateTimeKind.Utc),
            ["d"] = new DateOnly(2024, 5, 6),
            ["tm"] = new TimeOnly(7, 8, 9),
            ["bin"] = new byte[] { 1, 2, 3 },
            ["dec"] = 12.5m,
            ["big"] = ulong.MaxValue,
            ["g"] = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
            ["e"] = Color.Green,
        };

        // When
        using var run = await NormalizeRun.OfAsync(Resource.Create("t", [item]));

        // Then
        var row = Assert.Single(run.Rows("t"));
        Assert.Equal(new DateTime(2024, 5, 6, 7, 8, 9, 123, DateTimeKind.Utc), row["ts"]);
        Assert.Equal(new DateOnly(2024, 5, 6), row["d"]);
        Assert.Equal(new TimeSpan(7, 8, 9), row["tm"]);
        Assert.Equal(new byte[] { 1, 2, 3 }, row["bin"]);
        Assert.Equal(12.5m, Convert.ToDecimal(row["dec"], CultureInfo.InvariantCulture));
        Assert.Equal(ulong.MaxValue.ToString(CultureInfo.InvariantCulture), Convert.ToString(row["big"], CultureInfo.InvariantCulture));
        Assert.Equal("3f2504e0-4f89-11d3-9a0c-0305e82c3301", row["g"]);
        Assert.Equal("Green", row["e"]);
    }

    [Fact]
    public async Task A_local_datetime_is_converted_to_utc()
    {
        // Given
        var local = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Local);
        var resource = Resource.Create("t", [new Dictionary<string, object?> { ["ts"] = local }]);

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(local.ToUniversalTime(), Assert.Single(run.Rows("t"))["ts"]);
    }

    [Fact]
    public async Task Properties_of_records_become_columns()
    {
        // Given
        var resource = Resource.Create("t", [new Point(1, "a", new Inner(2.5))]);

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(["x", "label", "inner__w", "_dlt_load_id", "_dlt_id"], run.ColumnNames("t"));
        Assert.Equal("bigint", run.DataType("t", "x"));
        Assert.Equal("double", run.DataType("t", "inner__w"));
    }

    private sealed record Inner(double W);

    private sealed record Point(int X, string Label, Inner Inner);
}
