using Dlt.Tests.Support;

namespace Dlt.Tests.Normalize;

/// <summary>A value that cannot be coerced into its column goes to a variant column <c>&lt;col&gt;__v_&lt;type&gt;</c> (reference §4.6).</summary>
public sealed class VariantColumnTests
{
    [Fact]
    public async Task Text_that_is_not_a_number_goes_to_a_text_variant_of_a_bigint_column()
    {
        // Given
        var resource = Json.Resource("t", """{"id": 1}""", """{"id": "abc"}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(["id", "_dlt_load_id", "_dlt_id", "id__v_text"], run.ColumnNames("t"));
        Assert.Equal("bigint", run.DataType("t", "id"));
        Assert.Equal("text", run.DataType("t", "id__v_text"));
        Assert.True(run.Flag("t", "id__v_text", "variant"));
        Assert.False(run.Flag("t", "id", "variant"));
        var rows = run.Rows("t");
        Assert.Equal([1L, null], rows.Select(r => r["id"]));
        Assert.Equal([null, "abc"], rows.Select(r => r["id__v_text"]));
    }

    [Fact]
    public async Task A_fraction_goes_to_a_double_variant_of_a_bigint_column()
    {
        // Given
        var resource = Json.Resource("t", """{"id": 1}""", """{"id": 1.5}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal("double", run.DataType("t", "id__v_double"));
        Assert.True(run.Flag("t", "id__v_double", "variant"));
        Assert.Equal([null, 1.5], run.Rows("t").Select(r => r["id__v_double"]));
    }

    [Fact]
    public async Task Text_that_is_a_number_is_coerced_and_needs_no_variant()
    {
        // Given
        var resource = Json.Resource("t", """{"id": 1}""", """{"id": "2"}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(["id", "_dlt_load_id", "_dlt_id"], run.ColumnNames("t"));
        Assert.Equal([1L, 2L], run.Rows("t").Select(r => r["id"]));
    }

    [Fact]
    public async Task An_object_meeting_a_scalar_column_is_flattened_not_a_variant()
    {
        // Given
        var resource = Json.Resource("t", """{"a": 1}""", """{"a": {"b": 2}}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(["a", "_dlt_load_id", "_dlt_id", "a__b"], run.ColumnNames("t"));
    }

    [Fact]
    public async Task Later_values_of_the_same_type_reuse_the_variant_column()
    {
        // Given
        var resource = Json.Resource("t", """{"id": 1}""", """{"id": "abc"}""", """{"id": "def"}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(["id", "_dlt_load_id", "_dlt_id", "id__v_text"], run.ColumnNames("t"));
        Assert.Equal([null, "abc", "def"], run.Rows("t").Select(r => r["id__v_text"]));
    }
}
