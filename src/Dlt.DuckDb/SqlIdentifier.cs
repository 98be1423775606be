namespace Dlt.DuckDb;

/// <summary>Quotes identifiers and string literals for SQL.</summary>
internal static class SqlIdentifier
{
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
