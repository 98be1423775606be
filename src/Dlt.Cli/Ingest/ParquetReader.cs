using ParquetSharp;

namespace Dlt.Cli.Ingest;

/// <summary>
/// Reads a Parquet file row group by row group as pages of dictionaries whose values keep the
/// columns' types (integers, floats, decimals, dates, timestamps with their time zone flag, binary,
/// lists), so the normalizer types the columns as the file does.
/// </summary>
internal static class ParquetReader
{
    public static IEnumerable<Dictionary<string, object?>[]> ReadPages(InputFile input)
    {
        if (input.IsStdin)
        {
            throw new CliException("Parquet cannot be read from stdin (the reader needs to seek): save it to a file first.");
        }

        using var file = OpenFile(input);
        var metadata = file.FileMetaData;
        var names = Enumerable.Range(0, metadata.NumColumns).Select(i => metadata.Schema.Column(i).Path.ToDotString()).ToArray();
        for (var group = 0; group < metadata.NumRowGroups; group++)
        {
            using var rowGroup = file.RowGroup(group);
            var rows = checked((int)rowGroup.MetaData.NumRows);
            var columns = new object?[names.Length][];
            for (var c = 0; c < names.Length; c++)
            {
                using var column = rowGroup.Column(c);
                var utc = column.ColumnDescriptor.LogicalType is TimestampLogicalType { IsAdjustedToUtc: true };
                using var reader = column.LogicalReader();
                columns[c] = reader.Apply(new BoxingVisitor(rows, utc));
            }

            var page = new Dictionary<string, object?>[rows];
            for (var r = 0; r < rows; r++)
            {
                var row = new Dictionary<string, object?>(names.Length, StringComparer.Ordinal);
                for (var c = 0; c < names.Length; c++)
                {
                    row[names[c]] = columns[c][r];
                }

                page[r] = row;
            }

            yield return page;
        }
    }

    private static ParquetFileReader OpenFile(InputFile input)
    {
        try
        {
            return new ParquetFileReader(input.FullPath);
        }
        catch (ParquetException ex)
        {
            throw new IngestInputException(input.DisplayName, $"{input.DisplayName}: not a readable Parquet file: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a column chunk as boxed values, mapping Parquet's own value types to .NET ones.</summary>
    private sealed class BoxingVisitor(int rows, bool utc) : ILogicalColumnReaderVisitor<object?[]>
    {
        public object?[] OnLogicalColumnReader<TValue>(LogicalColumnReader<TValue> columnReader)
        {
            var values = columnReader.ReadAll(rows);
            var boxed = new object?[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                boxed[i] = Convert(values[i]);
            }

            return boxed;
        }

        private object? Convert(object? value) => value switch
        {
            null => null,
            Date date => DateOnly.FromDateTime(date.DateTime),
            DateTime dateTime when utc => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
            DateTimeNanos nanos => utc ? new DateTimeOffset(DateTime.SpecifyKind(nanos.DateTime, DateTimeKind.Utc)) : nanos.DateTime,
            TimeSpan time => TimeOnly.FromTimeSpan(time),
            sbyte or byte or short or ushort => System.Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture),
            float single => (double)single,
            Array array and not byte[] => array.Cast<object?>().Select(Convert).ToArray(),
            _ => value,
        };
    }
}
