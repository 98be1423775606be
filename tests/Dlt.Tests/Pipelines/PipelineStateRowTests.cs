using Dlt.Tests.Support;

namespace Dlt.Tests.Pipelines;

/// <summary>The pipeline state travels as a <c>_dlt_pipeline_state</c> row when it changed (reference §1.7, §4.10).</summary>
public sealed class PipelineStateRowTests
{
    [Fact]
    public async Task The_first_run_writes_one_pipeline_state_row()
    {
        // Given / When
        using var run = await NormalizeRun.OfAsync(Json.Resource("t", """{"a": 1}"""));

        // Then
        Assert.Equal(
            ["version", "engine_version", "pipeline_name", "state", "created_at", "version_hash", "_dlt_load_id", "_dlt_id"],
            run.ColumnNames("_dlt_pipeline_state"));
        var row = Assert.Single(run.Rows("_dlt_pipeline_state"));
        Assert.Equal("t", row["pipeline_name"]);
        Assert.Equal(run.LastLoadId, row["_dlt_load_id"]);
        Assert.False(string.IsNullOrEmpty((string?)row["state"]));
        Assert.IsType<DateTime>(row["created_at"]);
    }

    [Fact]
    public async Task A_second_run_with_an_unchanged_state_writes_no_state_row()
    {
        // Given
        using var run = await NormalizeRun.OfAsync(Json.Resource("t", """{"a": 1}"""));

        // When
        await run.ExtractAndNormalizeAsync(Json.Resource("t", """{"a": 2}"""));

        // Then
        Assert.Empty(run.JobFiles("_dlt_pipeline_state"));
        Assert.Single(run.Rows("t"));
    }
}
