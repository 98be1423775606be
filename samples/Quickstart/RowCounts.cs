using System.Globalization;
using DuckDB.NET.Data;

namespace Quickstart;

/// <summary>Prints <c>table: N rows</c> for every table of a dataset in a DuckDB file, by table name.</summary>
internal static class RowCounts
{
    public static void Print(string databasePath, string datasetName)
    {
        using var connection = new DuckDBConnection($"Data Source={databasePath}");
        connection.Open();

        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText =
                "SELECT table_name FROM information_schema.tables WHERE table_schema = $schema ORDER BY table_name";
            list.Parameters.Add(new DuckDBParameter("schema", datasetName));
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM {Quote(datasetName)}.{Quote(table)}";
            var rows = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
            Console.WriteLine($"{table}: {rows} rows");
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
