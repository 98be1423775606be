using Dlt.Tests.Support;

namespace Dlt.Tests.Normalize;

/// <summary>The buffer size changes how often files are flushed and rotated, never the rows or the schema.</summary>
public sealed class BufferSizeTests
{
    private static readonly string[] s_items =
    [
        """{"a": 1, "l": [1, 2]}""",
        """{"a": 2, "b": "x", "l": [3]}""",
        """{"a": 3, "c": {"d": 1.5}}""",
        """{"a": "not a number", "l": [4, "five"]}""",
    ];

    [Fact]
    public async Task A_buffer_of_one_item_gives_the_same_schema_and_rows_as_a_large_buffer()
    {
        // Given
        using var large = new NormalizeRun();
        using var small = new NormalizeRun(new PipelineOptions { BufferMaxItems = 1 });

        // When
        await large.ExtractAndNormalizeAsync(Json.Resource("t", s_items));
        await small.ExtractAndNormalizeAsync(Json.Resource("t", s_items));

        // Then
        Assert.Equal(large.DataTableNames, small.DataTableNames);
        foreach (var table in large.DataTableNames)
        {
            Assert.Equal(large.ColumnNames(table), small.ColumnNames(table));
            Assert.Equal(Values(large, table), Values(small, table));
        }
    }

    [Fact]
    public async Task A_column_added_after_a_flush_starts_a_new_file_with_the_wider_columns()
    {
        // Given
        using var run = new NormalizeRun(new PipelineOptions { BufferMaxItems = 1 });

        // When
        await run.ExtractAndNormalizeAsync(Json.Resource("t", """{"a": 1}""", """{"a": 2, "b": "x"}"""));

        // Then
        var files = run.JobFiles("t");
        Assert.Equal(2, files.Count);
        Assert.Contains(files, f => ParquetRows.ColumnNames(f).SequenceEqual(["a", "_dlt_load_id", "_dlt_id"]));
        Assert.Contains(files, f => ParquetRows.ColumnNames(f).SequenceEqual(["a", "_dlt_load_id", "_dlt_id", "b"]));
    }

    /// <summary>The values of every row in schema column order (a column missing from an older file is null), sorted, without the random ids.</summary>
    private static List<string> Values(NormalizeRun run, string table)
    {
        var columns = run.ColumnNames(table).Where(c => c is not ("_dlt_id" or "_dlt_parent_id" or "_dlt_load_id")).ToList();
        return
        [
            .. run.Rows(table)
                .Select(r => string.Join(", ", columns.Select(c => $"{c}={r.GetValueOrDefault(c)}")))
                .Order(StringComparer.Ordinal),
        ];
    }
}
