using System.Text.Json.Nodes;

namespace Dlt.ConformanceTests.Comparison;

/// <summary>Reads the tables of a stored schema (<c>&lt;pipelines&gt;/&lt;pipeline&gt;/schemas/&lt;schema&gt;.schema.json</c>, dlt's schema JSON).</summary>
internal static class StoredSchemaFile
{
    public static string PathOf(string pipelinesDirectory, string pipelineName, string schemaName) =>
        Path.Combine(pipelinesDirectory, pipelineName, "schemas", schemaName + ".schema.json");

    public static IReadOnlyList<SchemaTable> ReadTables(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new InvalidDataException($"The stored schema {path} is not a JSON object.");
        return root["tables"] is JsonObject tables
            ? SchemaTable.ListFromJson(tables)
            : throw new InvalidDataException($"The stored schema {path} has no \"tables\" object.");
    }
}
