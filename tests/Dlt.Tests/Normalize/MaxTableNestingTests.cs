using System.Text.Json;
using Dlt.Tests.Support;

namespace Dlt.Tests.Normalize;

/// <summary>max_table_nesting cuts flattening: below the cut, objects and lists are kept as json (reference §4.4).</summary>
public sealed class MaxTableNestingTests
{
    private const string Nested = """{"one":[{"two":[{"three":[{"four":[{"five":"v"}]}]}]}]}""";

    public static TheoryData<int, string[], string, string> Levels => new()
    {
        { 0, ["t"], "t", "one" },
        { 1, ["t", "t__one"], "t__one", "two" },
        { 2, ["t", "t__one", "t__one__two"], "t__one__two", "three" },
        { 3, ["t", "t__one", "t__one__two", "t__one__two__three"], "t__one__two__three", "four" },
    };

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task Keeps_the_value_at_the_cut_as_a_json_column(int maxNesting, string[] tables, string cutTable, string jsonColumn)
    {
        // Given
        var resource = Json.Resource("t", Nested).WithMaxTableNesting(maxNesting);

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(tables, run.DataTableNames);
        Assert.Equal("json", run.DataType(cutTable, jsonColumn));
        var stored = (string)Assert.Single(run.Rows(cutTable))[jsonColumn]!;
        var expected = FindValue(Json.Parse(Nested), jsonColumn);
        Assert.True(JsonElement.DeepEquals(expected, Json.Parse(stored)), $"json column holds {stored}");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(1000)]
    public async Task Creates_every_table_when_the_nesting_is_deep_enough(int maxNesting)
    {
        // Given
        var resource = Json.Resource("t", Nested).WithMaxTableNesting(maxNesting);

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(["t", "t__one", "t__one__two", "t__one__two__three", "t__one__two__three__four"], run.DataTableNames);
        Assert.Equal("text", run.DataType("t__one__two__three__four", "five"));
        Assert.Equal("v", Assert.Single(run.Rows("t__one__two__three__four"))["five"]);
    }

    [Fact]
    public async Task Without_a_limit_every_level_becomes_a_table()
    {
        // Given
        var resource = Json.Resource("t", Nested);

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(5, run.DataTableNames.Count);
    }

    [Fact]
    public async Task Nested_objects_consume_nesting_levels_too()
    {
        // Given
        var resource = Json.Resource("t", """{"a": {"b": {"c": 1}}, "s": 2}""").WithMaxTableNesting(1);

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(["s", "a__b", "_dlt_load_id", "_dlt_id"], run.ColumnNames("t"));
        Assert.Equal("json", run.DataType("t", "a__b"));
    }

    /// <summary>The value under the first property named <paramref name="name"/>, depth first.</summary>
    private static JsonElement FindValue(JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == name)
                {
                    return property.Value;
                }

                if (TryFind(property.Value, name, out var found))
                {
                    return found;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                if (TryFind(item, name, out var found))
                {
                    return found;
                }
            }
        }

        throw new KeyNotFoundException(name);
    }

    private static bool TryFind(JsonElement element, string name, out JsonElement found)
    {
        try
        {
            found = FindValue(element, name);
            return true;
        }
        catch (KeyNotFoundException)
        {
            found = default;
            return false;
        }
    }
}
