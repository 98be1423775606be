using Dlt.Tests.Support;
using ParquetSharp;

namespace Dlt.Tests.Normalize;

/// <summary>Normalized Parquet files dictionary-encode text that repeats, and write ids and fixed-width values plain.</summary>
public sealed class ParquetEncodingTests
{
    [Fact]
    public async Task Text_columns_have_a_dictionary_and_numbers_timestamps_and_the_row_id_do_not()
    {
        // Given items with a repeated text, numbers, a timestamp, a bool and a nested list (child table links)
        using var run = new NormalizeRun();
        var items = Enumerable.Range(0, 50).Select(i =>
            $$"""{"id": {{i}}, "amount": {{i}}.5, "at": "2024-01-01T00:00:{{i % 60:00}}Z", "ok": {{(i % 2 == 0 ? "true" : "false")}}, "kind": "k{{i % 3}}", "tags": ["a", "b"]}""");

        // When they are normalized
        await run.ExtractAndNormalizeAsync(Json.Resource("t", [.. items]));

        // Then
        var root = Dictionaries(Assert.Single(run.JobFiles("t")));
        Assert.Equal(
            new Dictionary<string, bool>
            {
                ["id"] = false, ["amount"] = false, ["at"] = false, ["ok"] = false, ["kind"] = true, ["_dlt_load_id"] = true, ["_dlt_id"] = false,
            },
            root);
        var child = Dictionaries(Assert.Single(run.JobFiles("t__tags")));
        Assert.True(child["value"]);
        Assert.True(child["_dlt_parent_id"]);
        Assert.False(child["_dlt_list_idx"]);
        Assert.False(child["_dlt_id"]);
    }

    /// <summary>Per column of the file's first row group, whether its chunk is dictionary-encoded.</summary>
    private static Dictionary<string, bool> Dictionaries(string path)
    {
        using var reader = new ParquetFileReader(path);
        using var rowGroup = reader.RowGroup(0);
        var schema = reader.FileMetaData.Schema;
        return Enumerable.Range(0, schema.NumColumns).ToDictionary(
            c => schema.Column(c).Name,
            c => rowGroup.MetaData.GetColumnChunkMetaData(c).Encodings.Any(e => e is Encoding.PlainDictionary or Encoding.RleDictionary));
    }
}
