// Every dlt type is listed: a new DataType member must fail the build here (CS8509), not at run time.
#pragma warning disable CS8524

using System.Globalization;
using Dlt.Schemas;
using NpgsqlTypes;

namespace Dlt.Postgres;

/// <summary>Maps dlt data types to PostgreSQL column types (dlt's postgres type map, reference §9.4).</summary>
internal static class PostgresTypeMapper
{
    public const int DefaultDecimalPrecision = 38;
    public const int DefaultDecimalScale = 9;
    public const string WeiType = "numeric(156,78)";

    /// <summary>The column type in DDL; text, bigint and timestamp honour a precision as dlt does.</summary>
    public static string ToDbType(ColumnSchema column) => DataTypeOf(column) switch
    {
        DataType.Text => column.Precision is { } length ? $"varchar({Invariant(length)})" : "varchar",
        DataType.Double => "double precision",
        DataType.Bool => "boolean",
        DataType.Timestamp => column.Precision is { } precision ? $"timestamp ({Invariant(precision)}) with time zone" : "timestamp with time zone",
        DataType.BigInt => IntegerDbType(column) switch
        {
            NpgsqlDbType.Smallint => "smallint",
            NpgsqlDbType.Integer => "integer",
            _ => "bigint",
        },
        DataType.Binary => "bytea",
        DataType.Json => "jsonb",
        DataType.Decimal => $"numeric({Invariant(column.Precision ?? DefaultDecimalPrecision)},{Invariant(column.Scale ?? DefaultDecimalScale)})",
        DataType.Wei => WeiType,
        DataType.Date => "date",
        DataType.Time => "time without time zone",
    };

    /// <summary>The binary COPY type of a column; it must agree with <see cref="ToDbType"/>.</summary>
    public static NpgsqlDbType ToNpgsqlDbType(ColumnSchema column) => DataTypeOf(column) switch
    {
        DataType.Text => NpgsqlDbType.Varchar,
        DataType.Double => NpgsqlDbType.Double,
        DataType.Bool => NpgsqlDbType.Boolean,
        DataType.Timestamp => NpgsqlDbType.TimestampTz,
        DataType.BigInt => IntegerDbType(column),
        DataType.Binary => NpgsqlDbType.Bytea,
        DataType.Json => NpgsqlDbType.Jsonb,
        DataType.Decimal or DataType.Wei => NpgsqlDbType.Numeric,
        DataType.Date => NpgsqlDbType.Date,
        DataType.Time => NpgsqlDbType.Time,
    };

    /// <summary>dlt's bigint precision is in bits: up to 16 is smallint, up to 32 integer, else bigint.</summary>
    private static NpgsqlDbType IntegerDbType(ColumnSchema column) => column.Precision switch
    {
        <= 16 => NpgsqlDbType.Smallint,
        <= 32 => NpgsqlDbType.Integer,
        _ => NpgsqlDbType.Bigint,
    };

    private static DataType DataTypeOf(ColumnSchema column) =>
        column.DataType ?? throw new ArgumentException($"Column '{column.Name}' has no data type yet and is not created.", nameof(column));

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
