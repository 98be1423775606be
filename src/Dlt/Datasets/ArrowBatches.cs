using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Dlt.Datasets;

/// <summary>
/// Turns the rows of an ADO.NET data reader into Arrow record batches with one schema, from the reader's column
/// types: integers, floating point, decimals, booleans, text, binary, dates, times and timestamps keep their
/// types; other values (lists, JSON, UUIDs, intervals) become text.
/// </summary>
internal static class ArrowBatches
{
    /// <summary>The rows per record batch unless the caller says otherwise.</summary>
    public const int DefaultBatchSize = 10_000;

    private const int DefaultDecimalPrecision = 38;
    private const int DefaultDecimalScale = 9;

    public static async IAsyncEnumerable<RecordBatch> ReadAsync(DbDataReader reader, int batchSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var columns = Columns(reader);
        var schema = new Schema.Builder();
        foreach (var column in columns)
        {
            schema.Field(new Field(column.Name, column.Type, nullable: true));
        }

        var arrowSchema = schema.Build();
        var values = columns.Select(_ => new List<object?>(batchSize)).ToArray();
        var rows = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < columns.Length; i++)
            {
                values[i].Add(reader.IsDBNull(i) ? null : reader.GetValue(i));
            }

            if (++rows == batchSize)
            {
                yield return Build(arrowSchema, columns, values, rows);
                rows = 0;
            }
        }

        if (rows > 0)
        {
            yield return Build(arrowSchema, columns, values, rows);
        }
    }

    private static RecordBatch Build(Schema schema, ArrowColumn[] columns, List<object?>[] values, int rows)
    {
        var arrays = new IArrowArray[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            arrays[i] = columns[i].Build(values[i]);
            values[i].Clear();
        }

        return new RecordBatch(schema, arrays, rows);
    }

    private static ArrowColumn[] Columns(DbDataReader reader)
    {
        var schema = reader.CanGetColumnSchema() ? reader.GetColumnSchema() : null;
        var columns = new ArrowColumn[reader.FieldCount];
        for (var i = 0; i < columns.Length; i++)
        {
            var databaseType = (schema?[i].DataTypeName ?? reader.GetDataTypeName(i)).ToLowerInvariant();
            columns[i] = ArrowColumn.For(reader.GetName(i), reader.GetFieldType(i), databaseType, schema?[i].NumericPrecision, schema?[i].NumericScale);
        }

        return columns;
    }

    /// <summary>One column: its Arrow type and how a batch of its values becomes an array.</summary>
    private sealed record ArrowColumn(string Name, IArrowType Type, Func<List<object?>, IArrowArray> Build)
    {
        public static ArrowColumn For(string name, Type type, string databaseType, int? precision, int? scale)
        {
            var zoned = databaseType.Contains("time zone", StringComparison.Ordinal) || databaseType.Contains("timestamptz", StringComparison.Ordinal);
            if (type == typeof(DateTime) && databaseType == "date" || type == typeof(DateOnly))
            {
                return new(name, Date32Type.Default, values => Fill(new Date32Array.Builder(), values, b => b.AppendNull(), (b, v) => b.Append(v is DateOnly d ? d : DateOnly.FromDateTime((DateTime)v))).Build());
            }

            if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
            {
                var timestamp = new TimestampType(TimeUnit.Microsecond, zoned || type == typeof(DateTimeOffset) ? "UTC" : (string?)null);
                return new(name, timestamp, values => Fill(new TimestampArray.Builder(timestamp), values, b => b.AppendNull(), (b, v) => b.Append(v switch
                {
                    DateTimeOffset offset => offset,
                    DateTime { Kind: DateTimeKind.Local } local => new DateTimeOffset(local.ToUniversalTime()),
                    _ => new DateTimeOffset(((DateTime)v).Ticks, TimeSpan.Zero),
                })).Build());
            }

            if ((type == typeof(TimeSpan) || type == typeof(TimeOnly)) && databaseType.StartsWith("time", StringComparison.Ordinal))
            {
                var time = new Time64Type(TimeUnit.Microsecond);
                return new(name, time, values => Fill(new Time64Array.Builder(time), values, b => b.AppendNull(), (b, v) => b.Append((v is TimeOnly t ? t.Ticks : ((TimeSpan)v).Ticks) / TimeSpan.TicksPerMicrosecond)).Build());
            }

            if (type == typeof(decimal))
            {
                var decimalType = new Decimal128Type(precision is > 0 and <= 38 ? precision.Value : DefaultDecimalPrecision, scale is >= 0 and <= 28 && precision is > 0 ? scale.Value : DefaultDecimalScale);
                return new(name, decimalType, values => Fill(new Decimal128Array.Builder(decimalType), values, b => b.AppendNull(), (b, v) => b.Append(Math.Round((decimal)v, decimalType.Scale, MidpointRounding.ToEven))).Build());
            }

            return System.Type.GetTypeCode(type) switch
            {
                TypeCode.Int64 => new(name, Int64Type.Default, values => Fill(new Int64Array.Builder(), values, b => b.AppendNull(), (b, v) => b.Append((long)v)).Build()),
                TypeCode.Int32 => new(name, Int32Type.Default, values => Fill(new Int32Array.Builder(), values, b => b.AppendNull(), (b, v) => b.Append((int)v)).Build()),
                TypeCode.Int16 => new(name, Int16Type.Default, values => Fill(new Int16Array.Builder(), values, b => b.AppendNull(), (b, v) => b.Append((short)v)).Build()),
                TypeCode.SByte => new(name, Int8Type.Default, values => Fill(new Int8Array.Builder(), values, b => b.AppendNull(), (b, v) => b.Append((sbyte)v)).Build()),
                TypeCode.Byte => new(name, UInt8Type.Default, values => Fill(new UInt8Array.Builder(), values, b => b.AppendNull(), (b, v) => b.Append((byte)v)).Build()),
                TypeCode.UInt16 => new(name, UInt16Type.Default, values => Fill(new UInt16Array.Builder(), values, b => b.AppendNull(), (b, v) => b.Append((ushort)v)).Build()),
                TypeCode.UInt32 => new(name, UInt32Type.Default, values => Fill(new UInt32Array.Builder(), values, b => b.AppendNull(), (b, v) => b.Append((uint)v)).Build()),
                TypeCode.UInt64 => new(name, UInt64Type.Default, values => Fill(new UInt64Array.Builder(), values, b => b.AppendNull(), (b, v) => b.Append((ulong)v)).Build()),
                TypeCode.Double => new(name, DoubleType.Default, values => Fill(new DoubleArray.Builder(), values, b => b.AppendNull(), (b, v) => b.Append((double)v)).Build()),
                TypeCode.Single => new(name, FloatType.Default, values => Fill(new FloatArray.Builder(), values, b => b.AppendNull(), (b, v) => b.Append((float)v)).Build()),
                TypeCode.Boolean => new(name, BooleanType.Default, values => Fill(new BooleanArray.Builder(), values, b => b.AppendNull(), (b, v) => b.Append((bool)v)).Build()),
                _ when type == typeof(byte[]) => new(name, BinaryType.Default, values => Fill(new BinaryArray.Builder(), values, b => b.AppendNull(), (b, v) => b.Append(((byte[])v).AsSpan())).Build()),
                _ => new(name, StringType.Default, values => Fill(new StringArray.Builder(), values, b => b.AppendNull(), (b, v) => b.Append(Text(v))).Build()),
            };
        }

        private static TBuilder Fill<TBuilder>(TBuilder builder, List<object?> values, Action<TBuilder> appendNull, Action<TBuilder, object> append)
        {
            foreach (var value in values)
            {
                if (value is null)
                {
                    appendNull(builder);
                }
                else
                {
                    append(builder, value);
                }
            }

            return builder;
        }

        /// <summary>A value without an Arrow type of its own as text: formatted invariantly, or as JSON (lists, maps).</summary>
        private static string Text(object value) => value switch
        {
            string text => text,
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => JsonSerializer.Serialize(value),
        };
    }
}
