using System.Globalization;
using Dlt.Tests.Support;

namespace Dlt.Tests.Normalize;

/// <summary>
/// Beyond dlt: a <c>_dlt_id</c> given in the data is kept (dlt's DataItemNormalizer._normalize_row in
/// dlt/common/normalizers/json/relational.py keeps <c>flattened_row[C_DLT_ID]</c> when present), and no
/// two rows of a table in one package may carry the same one, whatever file, segment or normalize
/// worker they go through.
/// </summary>
public sealed class OwnRowIdTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_given_dlt_id_repeated_in_another_file_of_the_package_fails_normalize_naming_table_and_id(int workers)
    {
        // Given one item per extract file, so the repeated id is in another file (and, with two workers, another worker's segment)
        using var run = new NormalizeRun(Options(workers));
        var resource = Json.Resource("t", """{"_dlt_id": "k-1", "v": 1}""", """{"_dlt_id": "k-2", "v": 2}""", """{"_dlt_id": "k-3", "v": 3}""", """{"_dlt_id": "k-1", "v": 4}""");

        // When
        var failure = await Assert.ThrowsAsync<PipelineStepFailedException>(() => run.ExtractAndNormalizeAsync(resource));

        // Then
        Assert.Equal("normalize", failure.Step);
        Assert.Contains("Two rows of table 't' carry the same _dlt_id 'k-1'", failure.ToString(), StringComparison.Ordinal);
        if (workers > 1)
        {
            // each file is a segment of its own, normalized by its own normalizer: the other row is named by its segment
            Assert.Contains("(the other one is in '", failure.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_given_dlt_id_repeated_in_another_file_fails_when_normalize_runs_alongside_extract()
    {
        // Given a run (extract with normalize alongside it) of two workers over one item per file
        using var run = new NormalizeRun(Options(workers: 2));
        var resource = Json.Resource("t", """{"_dlt_id": "k-1", "v": 1}""", """{"_dlt_id": "k-2", "v": 2}""", """{"_dlt_id": "k-1", "v": 3}""");

        // When
        var failure = await Assert.ThrowsAsync<PipelineStepFailedException>(() => run.Pipeline.RunAsync(resource));

        // Then
        Assert.Contains("Two rows of table 't' carry the same _dlt_id 'k-1'", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unique_given_ids_in_segments_normalized_again_after_a_type_conflict_load()
    {
        // Given two workers, one item per file, and a column whose type differs between the files
        // (bigint first, then text), so the second segment is normalized again against the merged schema
        using var run = new NormalizeRun(Options(workers: 2));
        var resource = Json.Resource("t", """{"_dlt_id": "k-1", "v": 1}""", """{"_dlt_id": "k-2", "v": "two"}""", """{"_dlt_id": "k-3", "v": 3}""");

        // When
        await run.ExtractAndNormalizeAsync(resource);

        // Then every row is there with its own id, the text in the variant column
        var rows = run.Rows("t");
        Assert.Equal(["k-1", "k-2", "k-3"], rows.Select(r => (string)r["_dlt_id"]!).Order(StringComparer.Ordinal));
        Assert.Equal("two", rows.Single(r => (string)r["_dlt_id"]! == "k-2")["v__v_text"]);
    }

    [Fact]
    public async Task The_same_given_id_in_two_tables_is_no_conflict()
    {
        // Given two resources whose rows use the same ids, in two workers
        using var run = new NormalizeRun(Options(workers: 2));

        // When
        await run.ExtractAndNormalizeAsync(
            Json.Resource("a", """{"_dlt_id": "k-1", "v": 1}""", """{"_dlt_id": "k-2", "v": 2}"""),
            Json.Resource("b", """{"_dlt_id": "k-1", "v": 1}""", """{"_dlt_id": "k-2", "v": 2}"""));

        // Then
        Assert.Equal(2, run.Rows("a").Count);
        Assert.Equal(2, run.Rows("b").Count);
    }

    private static PipelineOptions Options(int workers) => new()
    {
        BufferMaxItems = 1,
        NormalizeSegmentMinItems = 1,
        EnvironmentVariables = new Dictionary<string, string>
        {
            ["NORMALIZE__WORKERS"] = workers.ToString(CultureInfo.InvariantCulture),
            ["EXTRACT__DATA_WRITER__FILE_MAX_ITEMS"] = "1",
        },
    };
}
