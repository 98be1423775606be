#pragma warning disable CS8524 // every dlt type is listed below; a new one fails the build with CS8509

using System.Globalization;
using System.Numerics;
using Dlt.Schemas;
using Npgsql;
using NpgsqlTypes;
using ParquetSharp;

namespace Dlt.Postgres;

/// <summary>
/// Streams one normalized Parquet file into a table through binary COPY: a row group at a time, each
/// column read whole (ParquetSharp's typed reader; text and json as raw UTF-8 bytes), then written row
/// by row: encoded here (<see cref="CopyBuffer"/>) when every column has a fixed binary form, else
/// through Npgsql's binary importer (decimal, wei and time columns). Columns are matched by name, so a file may hold fewer columns than the table. Reading the
/// next row group on another thread while writing was tried and was slower on 2 cores (the server
/// needs one).
/// </summary>
internal static class ParquetCopy
{
    /// <summary>Copies the file; returns the number of rows.</summary>
    public static async Task<long> CopyAsync(NpgsqlConnection connection, string qualifiedTable, TableSchema table, string path, CancellationToken cancellationToken)
    {
        using var file = new ParquetFileReader(path);
        var schema = file.FileMetaData.Schema;
        var copiers = new ColumnCopier[schema.NumColumns];
        for (var i = 0; i < copiers.Length; i++)
        {
            var name = schema.Column(i).Name;
            if (!table.TryGetColumn(name, out var column) || column.DataType is null)
            {
                throw new InvalidDataException($"The file '{path}' has a column '{name}' that table '{table.Name}' does not have in the package schema.");
            }

            copiers[i] = ColumnCopier.For(column);
        }

        var columnList = string.Join(", ", copiers.Select(c => Dlt.Destinations.SqlIdentifier.Quote(c.Name)));
        var sql = $"COPY {qualifiedTable} ({columnList}) FROM STDIN (FORMAT BINARY)";
        return copiers.All(c => c.CanEncode)
            ? await CopyRawAsync(connection, sql, file, copiers, cancellationToken).ConfigureAwait(false)
            : await CopyWithImporterAsync(connection, sql, file, copiers, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The rows encoded here in PostgreSQL's COPY BINARY format and sent in blocks of about
    /// <see cref="CopyBuffer.FlushBytes"/>: no per-value call into Npgsql, whose importer binds a
    /// parameter for every value. For files whose columns all have a fixed binary form here.
    /// </summary>
    private static async Task<long> CopyRawAsync(NpgsqlConnection connection, string sql, ParquetFileReader file, ColumnCopier[] copiers, CancellationToken cancellationToken)
    {
        var buffer = new CopyBuffer();
        long rows = 0;
        await using var stream = await connection.BeginRawBinaryCopyAsync(sql, cancellationToken).ConfigureAwait(false);
        try
        {
            buffer.WriteHeader();
            for (var group = 0; group < file.FileMetaData.NumRowGroups; group++)
            {
                var count = ReadRowGroup(file, group, copiers);
                for (var row = 0; row < count; row++)
                {
                    buffer.WriteInt16((short)copiers.Length);
                    foreach (var copier in copiers)
                    {
                        copier.Encode(buffer, row);
                    }

                    if (buffer.Length >= CopyBuffer.FlushBytes)
                    {
                        await stream.WriteAsync(buffer.Written, cancellationToken).ConfigureAwait(false);
                        buffer.Clear();
                    }
                }

                rows += count;
            }

            buffer.WriteTrailer();
            await stream.WriteAsync(buffer.Written, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            await CancelQuietlyAsync(stream).ConfigureAwait(false);
            throw;
        }

        return rows;
    }

    /// <summary>Ends a failed COPY (its transaction then rolls back), so that the failure itself is what propagates.</summary>
    private static async Task CancelQuietlyAsync(NpgsqlRawCopyStream stream)
    {
        try
        {
            await stream.CancelAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException)
        {
            // The connection already failed: the error that led here is the one to report.
        }
    }

    /// <summary>Through Npgsql's binary importer, a call per value: files with decimal, wei or time columns.</summary>
    private static async Task<long> CopyWithImporterAsync(NpgsqlConnection connection, string sql, ParquetFileReader file, ColumnCopier[] copiers, CancellationToken cancellationToken)
    {
        long rows = 0;
        await using var importer = await connection.BeginBinaryImportAsync(sql, cancellationToken).ConfigureAwait(false);
        for (var group = 0; group < file.FileMetaData.NumRowGroups; group++)
        {
            var count = ReadRowGroup(file, group, copiers);
            for (var row = 0; row < count; row++)
            {
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                foreach (var copier in copiers)
                {
                    await copier.WriteAsync(importer, row, cancellationToken).ConfigureAwait(false);
                }
            }

            rows += count;
        }

        await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }

    /// <summary>Reads every column of row group <paramref name="group"/>; returns its row count.</summary>
    private static int ReadRowGroup(ParquetFileReader file, int group, ColumnCopier[] copiers)
    {
        using var rowGroup = file.RowGroup(group);
        var count = checked((int)rowGroup.MetaData.NumRows);
        for (var c = 0; c < copiers.Length; c++)
        {
            copiers[c].Read(rowGroup, c, count);
        }

        return count;
    }

    /// <summary>One column of the file: its values for the current row group and how to write one.</summary>
    private abstract class ColumnCopier(string name)
    {
        public string Name { get; } = name;

        public abstract void Read(RowGroupReader rowGroup, int index, int rows);

        public abstract Task WriteAsync(NpgsqlBinaryImporter importer, int row, CancellationToken cancellationToken);

        /// <summary>Whether <see cref="Encode"/> writes this column's values in COPY BINARY form.</summary>
        public abstract bool CanEncode { get; }

        /// <summary>Writes the value of <paramref name="row"/> as a COPY BINARY field (its length, then its bytes; -1 for null).</summary>
        public abstract void Encode(CopyBuffer buffer, int row);

        /// <summary>The reader type is what <c>ColumnBuffer</c> writes for the dlt type; the COPY type is <see cref="PostgresTypeMapper.ToNpgsqlDbType"/>.</summary>
        public static ColumnCopier For(ColumnSchema column)
        {
            var type = PostgresTypeMapper.ToNpgsqlDbType(column);
            var name = column.Name;
            return column.DataType!.Value switch
            {
                DataType.Text => new Utf8Copier(name, jsonbVersion: false),
                DataType.Json => new Utf8Copier(name, jsonbVersion: true),
                DataType.Decimal => DecimalCopier(name, column.Precision ?? PostgresTypeMapper.DefaultDecimalPrecision, column.Scale ?? PostgresTypeMapper.DefaultDecimalScale),
                DataType.Wei => new Copier<string?>(name, (i, v, ct) => v is null ? i.WriteNullAsync(ct) : WriteNumericAsync(i, name, v, ct)),
                DataType.Binary => new Copier<byte[]?>(name, (i, v, ct) => v is null ? i.WriteNullAsync(ct) : i.WriteAsync(v, type, ct), (b, v) => b.WriteBytes(v)),
                DataType.BigInt => type switch
                {
                    NpgsqlDbType.Smallint => new Copier<long?>(name, (i, v, ct) => v is { } x ? i.WriteAsync(x is >= short.MinValue and <= short.MaxValue ? (short)x : throw OutOfRange(name, x, "smallint"), type, ct) : i.WriteNullAsync(ct), (b, v) => b.WriteSmallint(v is { } x ? (x is >= short.MinValue and <= short.MaxValue ? (short)x : throw OutOfRange(name, x, "smallint")) : null)),
                    NpgsqlDbType.Integer => new Copier<long?>(name, (i, v, ct) => v is { } x ? i.WriteAsync(x is >= int.MinValue and <= int.MaxValue ? (int)x : throw OutOfRange(name, x, "integer"), type, ct) : i.WriteNullAsync(ct), (b, v) => b.WriteInteger(v is { } x ? (x is >= int.MinValue and <= int.MaxValue ? (int)x : throw OutOfRange(name, x, "integer")) : null)),
                    _ => new Copier<long?>(name, (i, v, ct) => v is { } x ? i.WriteAsync(x, type, ct) : i.WriteNullAsync(ct), (b, v) => b.WriteBigint(v)),
                },
                DataType.Double => new Copier<double?>(name, (i, v, ct) => v is { } x ? i.WriteAsync(x, type, ct) : i.WriteNullAsync(ct), (b, v) => b.WriteBigint(v is { } x ? BitConverter.DoubleToInt64Bits(x) : null)),
                DataType.Bool => new Copier<bool?>(name, (i, v, ct) => v is { } x ? i.WriteAsync(x, type, ct) : i.WriteNullAsync(ct), (b, v) => b.WriteBool(v)),
                // Timestamps and dates go over in PostgreSQL's binary form, written as the integer it is (see
                // PostgresEpoch): Npgsql's DateTime and DateOnly writers would turn 0001-01-01 into -infinity.
                DataType.Timestamp => new Copier<DateTime?>(name, (i, v, ct) => v is { } x ? i.WriteAsync(PostgresEpoch.Microseconds(x), NpgsqlDbType.Bigint, ct) : i.WriteNullAsync(ct), (b, v) => b.WriteBigint(v is { } x ? PostgresEpoch.Microseconds(x) : null)),
                DataType.Date => new Copier<Date?>(name, (i, v, ct) => v is { } x ? i.WriteAsync(PostgresEpoch.Days(x), NpgsqlDbType.Integer, ct) : i.WriteNullAsync(ct), (b, v) => b.WriteInteger(v is { } x ? PostgresEpoch.Days(x) : null)),
                DataType.Time => new Copier<TimeSpan?>(name, (i, v, ct) => v is { } x ? i.WriteAsync(x, type, ct) : i.WriteNullAsync(ct)),
            };
        }

        /// <summary>
        /// A decimal column's values are checked against its numeric(precision, scale) before they are sent,
        /// as PostgreSQL checks them (rounded to the scale, fewer than precision - scale digits before the
        /// point), so that the error names the value rather than only "numeric field overflow".
        /// </summary>
        private static Copier<string?> DecimalCopier(string name, int precision, int scale) => new(name, (i, v, ct) =>
        {
            if (v is null)
            {
                return i.WriteNullAsync(ct);
            }

            if (!FitsNumeric(v, precision, scale))
            {
                throw new InvalidDataException($"Column '{name}': the value {v} does not fit its PostgreSQL type numeric({precision},{scale}), which holds fewer than {precision - scale} digits before the point. Declare a larger precision for the column or fix the value at its source.");
            }

            return WriteNumericAsync(i, name, v, ct);
        });

        private static bool FitsNumeric(string text, int precision, int scale)
        {
            var integerDigits = precision - scale;
            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                var rounded = Math.Round(Math.Abs(value), Math.Clamp(scale, 0, 28), MidpointRounding.AwayFromZero);
                return integerDigits < 0 || integerDigits >= 29 || rounded < Pow10(integerDigits);
            }

            return !BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                || BigInteger.Abs(integer) < BigInteger.Pow(10, Math.Max(integerDigits, 0));
        }

        private static decimal Pow10(int exponent)
        {
            var result = 1m;
            for (var i = 0; i < exponent; i++)
            {
                result *= 10;
            }

            return result;
        }

        private static InvalidDataException OutOfRange(string column, long value, string type) =>
            new($"Column '{column}': the value {value} is out of range for its PostgreSQL type {type} (a bigint column with a declared precision).");

        /// <summary>
        /// Decimal and wei travel as text: a .NET decimal when it fits (28 digits), else an integer of
        /// any size (wei); anything else cannot be sent as a binary numeric.
        /// </summary>
        private static Task WriteNumericAsync(NpgsqlBinaryImporter importer, string column, string text, CancellationToken cancellationToken)
        {
            if (BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return importer.WriteAsync(integer, NpgsqlDbType.Numeric, cancellationToken);
            }

            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return importer.WriteAsync(value, NpgsqlDbType.Numeric, cancellationToken);
            }

            throw new InvalidDataException($"Column '{column}': the value '{text}' is not a number PostgreSQL's numeric can take from this loader (more than 28 significant digits with a fraction, or not a number).");
        }
    }

    /// <summary>
    /// Text and json go over as the file's UTF-8 bytes, never decoded into .NET strings. A binary COPY
    /// field carries no type: the server decodes it with the column's receive function, and the binary
    /// form of varchar is its encoded bytes (validated by the server: bad UTF-8 or NUL is refused), that
    /// of jsonb a version byte 1 followed by the JSON text. So the bytes are written with the bytea
    /// writer, which sends them as they are.
    /// </summary>
    private sealed class Utf8Copier(string name, bool jsonbVersion) : ColumnCopier(name)
    {
        private const int Batch = 4096;

        private readonly short[] _definitionLevels = new short[Batch];
        private readonly ByteArray[] _batch = new ByteArray[Batch];
        private byte[] _bytes = new byte[64 * 1024];
        private int[] _offsets = new int[1];
        private int[] _lengths = new int[1];

        public override void Read(RowGroupReader rowGroup, int index, int rows)
        {
            if (_offsets.Length < rows)
            {
                _offsets = new int[rows];
                _lengths = new int[rows];
            }

            using var reader = (ColumnReader<ByteArray>)rowGroup.Column(index);
            // A required column has no definition levels: every row has a value.
            var optional = reader.ColumnDescriptor.MaxDefinitionLevel > 0;
            var row = 0;
            var used = 0;
            while (row < rows)
            {
                var levels = (int)reader.ReadBatch(Math.Min(Batch, rows - row), _definitionLevels, null, _batch, out var valuesRead);
                if (levels == 0)
                {
                    throw new InvalidDataException($"Column '{Name}' ended after {row} of {rows} rows in a row group.");
                }

                var value = 0;
                for (var l = 0; l < levels; l++, row++)
                {
                    if (optional && _definitionLevels[l] == 0)
                    {
                        _lengths[row] = -1;
                        continue;
                    }

                    var bytes = _batch[value++];
                    var length = bytes.Length + (jsonbVersion ? 1 : 0);
                    if (used + length > _bytes.Length)
                    {
                        Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, used + length));
                    }

                    _offsets[row] = used;
                    _lengths[row] = length;
                    if (jsonbVersion)
                    {
                        _bytes[used++] = 1;
                    }

                    unsafe
                    {
                        new ReadOnlySpan<byte>((void*)bytes.Pointer, bytes.Length).CopyTo(_bytes.AsSpan(used));
                    }

                    used += bytes.Length;
                }

                if (value != valuesRead)
                {
                    throw new InvalidDataException($"Column '{Name}': {valuesRead} values for {value} present rows in a row group.");
                }
            }
        }

        public override Task WriteAsync(NpgsqlBinaryImporter importer, int row, CancellationToken cancellationToken) =>
            _lengths[row] < 0
                ? importer.WriteNullAsync(cancellationToken)
                : importer.WriteAsync(new ReadOnlyMemory<byte>(_bytes, _offsets[row], _lengths[row]), NpgsqlDbType.Bytea, cancellationToken);

        public override bool CanEncode => true;

        public override void Encode(CopyBuffer buffer, int row)
        {
            if (_lengths[row] < 0)
            {
                buffer.WriteNull();
            }
            else
            {
                buffer.WriteBytes(_bytes.AsSpan(_offsets[row], _lengths[row]));
            }
        }
    }

    /// <param name="name">The column.</param>
    /// <param name="write">Writes a value through Npgsql's importer.</param>
    /// <param name="encode">Writes a value as a COPY BINARY field; null where the column goes through the importer (decimal, wei, time).</param>
    private sealed class Copier<T>(string name, Func<NpgsqlBinaryImporter, T, CancellationToken, Task> write, Action<CopyBuffer, T>? encode = null) : ColumnCopier(name)
    {
        private T[] _values = [];

        public override void Read(RowGroupReader rowGroup, int index, int rows)
        {
            if (_values.Length < rows)
            {
                _values = new T[rows];
            }

            using var reader = rowGroup.Column(index).LogicalReader<T>();
            var read = 0;
            while (read < rows)
            {
                var n = reader.ReadBatch(_values.AsSpan(read, rows - read));
                if (n == 0)
                {
                    throw new InvalidDataException($"Column '{Name}' ended after {read} of {rows} rows in a row group.");
                }

                read += n;
            }
        }

        public override Task WriteAsync(NpgsqlBinaryImporter importer, int row, CancellationToken cancellationToken) =>
            write(importer, _values[row], cancellationToken);

        public override bool CanEncode => encode is not null;

        public override void Encode(CopyBuffer buffer, int row) => encode!(buffer, _values[row]);
    }
}
