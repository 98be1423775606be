using Dlt.IntegrationTests.Support;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Pipelines;

/// <summary>Extract errors: they happen before any destination is touched, so one destination is enough.</summary>
public sealed class ExtractFailureTests : IDisposable
{
    private readonly TempPipelineDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_resource_that_throws_fails_extract_and_names_the_resource()
    {
        // Given a resource that fails after two items
        static IEnumerable<Dictionary<string, object?>> Broken()
        {
            yield return new() { ["n"] = 1 };
            yield return new() { ["n"] = 2 };
            throw new InvalidOperationException("source went away");
        }

        // When
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => _dir.CreatePipeline().RunAsync(Resource.Create("flaky", Broken())));

        // Then
        Assert.Equal("extract", error.Step);
        Assert.Contains("'flaky'", error.Message, StringComparison.Ordinal);
        Assert.Contains("source went away", error.Message, StringComparison.Ordinal);
        var normalizeFolder = Path.Combine(_dir.PipelinesDirectory, "test_pipeline", "normalize");
        Assert.Empty(Directory.GetDirectories(Path.Combine(normalizeFolder, "extracted")));
        Assert.Equal(["extracted"], Directory.GetDirectories(normalizeFolder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_top_level_value_that_is_not_an_object_fails_naming_resource_and_item()
    {
        // When
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() =>
            _dir.CreatePipeline().RunAsync(Resource.Create("numbers", new[] { 1, 2 })));

        // Then
        Assert.Equal("extract", error.Step);
        Assert.Contains("Item 0 of resource 'numbers' is a number, not an object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upsert_without_a_primary_key_is_rejected_before_anything_is_extracted()
    {
        // When
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() => _dir.CreatePipeline().RunAsync(
            Resource.Create("issues", Json.Items("""{"id": 1}""")).WithWriteDisposition(WriteDisposition.Merge).WithMergeStrategy(MergeStrategy.Upsert)));

        // Then
        Assert.Equal("extract", error.Step);
        Assert.Contains("'upsert', which needs a primary key", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(Path.Combine(_dir.PipelinesDirectory, "test_pipeline", "normalize", "extracted")));
    }
}
