using ParquetSharp;

namespace Dlt.Bench.Data;

/// <summary>The seven columns of one row group of a normalized flat Parquet file, read whole.</summary>
internal sealed record FlatRowGroup(
    int Count, long?[] Ids, double?[] Vals, string?[] Names, DateTime?[] Timestamps, bool?[] Flags, string?[] LoadIds, string?[] RowIds)
{
    /// <summary>Every row group of <paramref name="file"/>, columns found by name.</summary>
    public static IEnumerable<FlatRowGroup> ReadAll(string file)
    {
        using var reader = new ParquetFileReader(file);
        var schema = reader.FileMetaData.Schema;
        var index = Enumerable.Range(0, schema.NumColumns).ToDictionary(i => schema.Column(i).Name, StringComparer.Ordinal);
        for (var group = 0; group < reader.FileMetaData.NumRowGroups; group++)
        {
            using var rowGroup = reader.RowGroup(group);
            var count = checked((int)rowGroup.MetaData.NumRows);
            yield return new FlatRowGroup(
                count,
                Read<long?>(rowGroup, index["id"], count),
                Read<double?>(rowGroup, index["val"], count),
                Read<string?>(rowGroup, index["name"], count),
                Read<DateTime?>(rowGroup, index["ts"], count),
                Read<bool?>(rowGroup, index["flag"], count),
                Read<string?>(rowGroup, index["_dlt_load_id"], count),
                Read<string?>(rowGroup, index["_dlt_id"], count));
        }

        reader.Close();
    }

    private static T[] Read<T>(RowGroupReader rowGroup, int column, int count)
    {
        using var reader = rowGroup.Column(column).LogicalReader<T>();
        return reader.ReadAll(count);
    }
}
