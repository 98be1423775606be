using Dlt.Tests.Support;

namespace Dlt.Tests.Extract;

/// <summary>A failing extract names what failed and leaves no package or temp folder behind.</summary>
public sealed class ExtractErrorTests
{
    [Fact]
    public async Task A_resource_that_throws_fails_the_extract_step_naming_the_resource()
    {
        // Given
        using var run = new NormalizeRun();

        // When
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => run.Pipeline.ExtractAsync([Resource.Create("boom", Throwing())]));

        // Then
        Assert.Equal("extract", error.Step);
        Assert.Equal(NormalizeRun.PipelineName, error.PipelineName);
        Assert.Contains("'boom'", error.Message, StringComparison.Ordinal);
        Assert.Contains("source broke", error.Message, StringComparison.Ordinal);
        AssertNothingLeftBehind(run);
    }

    [Fact]
    public async Task An_async_resource_that_throws_fails_the_extract_step_naming_the_resource()
    {
        // Given
        using var run = new NormalizeRun();

        // When
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => run.Pipeline.ExtractAsync([Resource.Create("boom", ThrowingAsync())]));

        // Then
        Assert.Equal("extract", error.Step);
        Assert.Contains("'boom'", error.Message, StringComparison.Ordinal);
        AssertNothingLeftBehind(run);
    }

    [Fact]
    public async Task A_top_level_number_fails_naming_the_resource_and_the_item_index()
    {
        // Given
        using var run = new NormalizeRun();
        IEnumerable<object> items = [new Dictionary<string, object?> { ["a"] = 1 }, new Dictionary<string, object?> { ["a"] = 2 }, 5];

        // When
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => run.Pipeline.ExtractAsync([Resource.Create("nums", items)]));

        // Then
        Assert.Equal("extract", error.Step);
        Assert.Contains("Item 2 of resource 'nums'", error.Message, StringComparison.Ordinal);
        Assert.Contains("number", error.Message, StringComparison.Ordinal);
        AssertNothingLeftBehind(run);
    }

    [Fact]
    public async Task A_top_level_string_fails_naming_the_resource_and_the_item_index()
    {
        // Given
        using var run = new NormalizeRun();

        // When
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => run.Pipeline.ExtractAsync([Resource.Create("words", new[] { "hello" })]));

        // Then
        Assert.Equal("extract", error.Step);
        Assert.Contains("Item 0 of resource 'words'", error.Message, StringComparison.Ordinal);
        Assert.Contains("string", error.Message, StringComparison.Ordinal);
        AssertNothingLeftBehind(run);
    }

    [Fact]
    public async Task A_top_level_json_number_fails_naming_the_resource_and_the_item_index()
    {
        // Given
        using var run = new NormalizeRun();

        // When
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => run.Pipeline.ExtractAsync([Json.Resource("nums", """{"a": 1}""", "7")]));

        // Then
        Assert.Contains("Item 1 of resource 'nums'", error.Message, StringComparison.Ordinal);
        AssertNothingLeftBehind(run);
    }

    [Fact]
    public async Task An_item_type_json_cannot_serialize_fails_naming_the_resource_and_the_item_index()
    {
        // Given pages of a record with a property System.Text.Json refuses (its serializer is prepared, and fails, ahead of the first item)
        using var run = new NormalizeRun();
        var pages = new[] { new List<WithPointer> { new(1, IntPtr.Zero) } };

        // When
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => run.Pipeline.ExtractAsync([Resource.Create("pointers", pages)]));

        // Then
        Assert.Contains("Item 0 of resource 'pointers' (WithPointer) cannot be serialized to JSON", error.Message, StringComparison.Ordinal);
        AssertNothingLeftBehind(run);
    }

    [Fact]
    public async Task A_failed_extract_keeps_the_packages_extracted_before()
    {
        // Given
        using var run = new NormalizeRun();
        var loadId = await run.Pipeline.ExtractAsync([Json.Resource("t", """{"a": 1}""")]);

        // When
        await Assert.ThrowsAsync<PipelineStepFailedException>(() => run.Pipeline.ExtractAsync([Resource.Create("boom", Throwing())]));

        // Then
        Assert.Equal([loadId], Directory.GetDirectories(Extracted(run)).Select(Path.GetFileName));
        Assert.Equal(["extracted"], Directory.GetDirectories(Path.Combine(run.WorkingDirectory, "normalize")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_failed_extract_does_not_advance_the_stored_schema()
    {
        // Given
        using var run = new NormalizeRun();

        // When
        await Assert.ThrowsAsync<PipelineStepFailedException>(() => run.Pipeline.ExtractAsync([Resource.Create("boom", Throwing())]));

        // Then
        Assert.False(File.Exists(Path.Combine(run.WorkingDirectory, "schemas", "t.schema.json")));
    }

    private static IEnumerable<Dictionary<string, object?>> Throwing()
    {
        yield return new Dictionary<string, object?> { ["a"] = 1 };
        throw new InvalidOperationException("source broke");
    }

    private static async IAsyncEnumerable<Dictionary<string, object?>> ThrowingAsync()
    {
        await Task.Yield();
        yield return new Dictionary<string, object?> { ["a"] = 1 };
        throw new InvalidOperationException("source broke");
    }

    private static string Extracted(NormalizeRun run) => Path.Combine(run.WorkingDirectory, "normalize", "extracted");

    private static void AssertNothingLeftBehind(NormalizeRun run)
    {
        Assert.Empty(Directory.GetDirectories(Extracted(run)));
        Assert.Equal(["extracted"], Directory.GetDirectories(Path.Combine(run.WorkingDirectory, "normalize")).Select(Path.GetFileName));
    }

    private sealed record WithPointer(int Id, IntPtr Pointer);
}
