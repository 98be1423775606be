using System.Text.Json;
using System.Text.Json.Nodes;
using Dlt.ConformanceTests.Canonical;
using Dlt.ConformanceTests.Corpus;
using DuckDB.NET.Data;

namespace Dlt.ConformanceTests.Database;

/// <summary>
/// Writes what a conforming pipeline would leave behind for an expected file (a DuckDB dataset with
/// random row and load ids, and dlt's stored schema), so the comparison can be tested without a pipeline.
/// </summary>
internal static class SimulatedLoad
{
    public static void Write(ExpectedRun expected, string databasePath, string schemaPath, string dataset, Random random)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(schemaPath)!);
        File.WriteAllText(schemaPath, expected.SchemaFull.ToJsonString());

        using var connection = new DuckDBConnection($"Data Source={databasePath}");
        connection.Open();
        using (var catalog = connection.CreateCommand())
        {
            catalog.CommandText = "SELECT current_database()";
            dataset = $"{DuckDbTableReader.Quote((string)catalog.ExecuteScalar()!)}.{DuckDbTableReader.Quote(dataset)}";
        }

        Execute(connection, $"CREATE SCHEMA {dataset}");
        foreach (var system in expected.SystemTables)
        {
            Execute(connection, $"CREATE TABLE {dataset}.{DuckDbTableReader.Quote(system)} (version BIGINT)");
        }

        var types = expected.Tables.ToDictionary(t => t.Name, t => t.Columns.Select(c => DuckDbTypes.FromDltType(c.DataType!)).ToList());
        foreach (var table in LabelScrambler.Scramble(expected.Tables, expected.CanonicalTables, random))
        {
            var target = $"{dataset}.{DuckDbTableReader.Quote(table.Name)}";
            var columnTypes = types[table.Name];
            var definitions = table.Columns.Select((c, i) => $"{DuckDbTableReader.Quote(c)} {columnTypes[i]}");
            Execute(connection, $"CREATE TABLE {target} ({string.Join(", ", definitions)})");

            // Rows go through an all-VARCHAR staging table (appender: fast) and are cast by DuckDB on the way in.
            var staging = DuckDbTableReader.Quote("staging_" + Guid.NewGuid().ToString("N"));
            Execute(connection, $"CREATE TEMP TABLE {staging} ({string.Join(", ", table.Columns.Select((c, i) => $"c{i} VARCHAR"))})");
            using (var appender = connection.CreateAppender(staging.Trim('"')))
            {
                foreach (var row in table.Rows)
                {
                    var appended = appender.CreateRow();
                    foreach (var value in row)
                    {
                        appended = AsText(value) is { } text ? appended.AppendValue(text) : appended.AppendNullValue();
                    }

                    appended.EndRow();
                }
            }

            var casts = string.Join(", ", columnTypes.Select((type, i) => $"CAST(c{i} AS {type})"));
            Execute(connection, $"INSERT INTO {target} SELECT {casts} FROM {staging}");
            Execute(connection, $"DROP TABLE {staging}");
        }
    }

    // Every value travels as text and is cast by DuckDB, so numbers keep their exact spelling.
    private static string? AsText(JsonNode? value) => value switch
    {
        null => null,
        JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String => scalar.GetValue<string>(),
        JsonValue scalar => scalar.ToJsonString(),
        _ => value.ToJsonString(),
    };

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
