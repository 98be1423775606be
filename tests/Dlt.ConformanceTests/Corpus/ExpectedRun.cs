using System.Text.Json.Nodes;
using Dlt.ConformanceTests.Comparison;

namespace Dlt.ConformanceTests.Corpus;

/// <summary>The parts of an <c>expected/*.json</c> file the comparison uses (README "Structure of an expected file").</summary>
internal sealed record ExpectedRun(
    IReadOnlyList<string>? PrimaryKey,
    IReadOnlyList<SchemaTable> Tables,
    IReadOnlyList<string> SystemTables,
    IReadOnlyDictionary<string, long> RowCounts,
    JsonObject CanonicalTables,
    JsonObject SchemaFull)
{
    public static ExpectedRun Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path))?.AsObject()
            ?? throw new InvalidDataException($"{path} is not a JSON object.");
        return new ExpectedRun(
            root["primary_key"]?.AsArray().Select(n => (string)n!).ToList(),
            SchemaTable.ListFromJson(root["schema"]!.AsObject()),
            root["system_tables"]!.AsArray().Select(n => (string)n!).ToList(),
            root["row_counts"]!.AsObject().ToDictionary(p => p.Key, p => (long)p.Value!, StringComparer.Ordinal),
            root["tables"]!.AsObject(),
            root["schema_full"]!.AsObject());
    }
}
