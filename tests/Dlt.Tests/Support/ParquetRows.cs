using ParquetSharp;

namespace Dlt.Tests.Support;

/// <summary>Reads a Parquet file into rows keyed by column name, in file column order.</summary>
internal static class ParquetRows
{
    public static IReadOnlyList<string> ColumnNames(string path)
    {
        using var reader = new ParquetFileReader(path);
        var schema = reader.FileMetaData.Schema;
        return [.. Enumerable.Range(0, schema.NumColumns).Select(i => schema.Column(i).Name)];
    }

    public static List<Dictionary<string, object?>> Read(string path)
    {
        var rows = new List<Dictionary<string, object?>>();
        using var reader = new ParquetFileReader(path);
        var schema = reader.FileMetaData.Schema;
        for (var g = 0; g < reader.FileMetaData.NumRowGroups; g++)
        {
            using var rowGroup = reader.RowGroup(g);
            var count = checked((int)rowGroup.MetaData.NumRows);
            var groupRows = Enumerable.Range(0, count).Select(_ => new Dictionary<string, object?>(StringComparer.Ordinal)).ToList();
            for (var c = 0; c < schema.NumColumns; c++)
            {
                using var column = rowGroup.Column(c).LogicalReader();
                var values = column.Apply(new ReadAllVisitor(count));
                for (var r = 0; r < count; r++)
                {
                    groupRows[r][schema.Column(c).Name] = Plain(values[r]);
                }
            }

            rows.AddRange(groupRows);
        }

        return rows;
    }

    /// <summary>Parquet dates become <see cref="DateOnly"/> so that tests compare .NET values.</summary>
    private static object? Plain(object? value) => value switch
    {
        Date date => DateOnly.FromDateTime(date.DateTime),
        _ => value,
    };

    private sealed class ReadAllVisitor(int count) : ILogicalColumnReaderVisitor<object?[]>
    {
        public object?[] OnLogicalColumnReader<TValue>(LogicalColumnReader<TValue> columnReader) =>
            [.. columnReader.ReadAll(count).Select(v => (object?)v)];
    }
}
