namespace Dlt.TestKit;

/// <summary>
/// Reads one dataset back for assertions, the same way for every destination: tables, columns with
/// their dlt data types, rows, and a few SQL expressions whose spelling differs between engines.
/// </summary>
public interface IDatasetReader : IDisposable
{
    /// <summary>The dataset (database schema) read.</summary>
    string Dataset { get; }

    /// <summary>Runs a query; values as the driver returns them (long for bigint, string for text, ...).</summary>
    IReadOnlyList<object?[]> Query(string sql);

    /// <summary>Table names of the dataset, sorted ordinally.</summary>
    IReadOnlyList<string> Tables();

    /// <summary>Columns of a table in order: name, dlt data type (see <see cref="DltTypes"/>), the engine's type name, nullable.</summary>
    IReadOnlyList<DatasetColumn> Columns(string table);

    /// <summary>The quoted, dataset-qualified table name for SQL.</summary>
    string Table(string name);

    /// <summary>An expression rendering <paramref name="expression"/> as text (numbers without trailing fraction zeros beyond their declared scale, dates as yyyy-MM-dd).</summary>
    string AsText(string expression);

    /// <summary>An exact integer expression: microseconds of a timestamp since the Unix epoch.</summary>
    string EpochMicros(string expression);

    /// <summary>An expression rendering bytes as upper-case hex.</summary>
    string Hex(string expression);

    /// <summary>An expression rendering an integral numeric (wei) as its digits, without a fraction.</summary>
    string IntegerText(string expression);
}

/// <summary>A column as a destination holds it.</summary>
public sealed record DatasetColumn(string Name, string DltType, string DbType, bool Nullable);

/// <summary>Shortcuts shared by the readers.</summary>
public static class DatasetReaderExtensions
{
    public static object? Scalar(this IDatasetReader reader, string sql) => reader.Query(sql) is [var first, ..] ? first[0] : null;

    public static long Count(this IDatasetReader reader, string table) =>
        Convert.ToInt64(reader.Scalar($"SELECT count(*) FROM {reader.Table(table)}"), System.Globalization.CultureInfo.InvariantCulture);

    public static IReadOnlyList<string> ColumnNames(this IDatasetReader reader, string table) => [.. reader.Columns(table).Select(c => c.Name)];
}
