using System.Text.Json.Nodes;

namespace Dlt.ConformanceTests.Comparison;

/// <summary>
/// A table of a dlt schema in its JSON form (the corpus's <c>schema</c> entries and dlt's stored
/// <c>tables</c> entries share this shape).
/// </summary>
internal sealed record SchemaTable(string Name, string? Parent, string? WriteDisposition, string? Resource, IReadOnlyList<SchemaColumn> Columns)
{
    public IEnumerable<string> ColumnNames => Columns.Select(c => c.Name);

    /// <summary>Reads <c>{"columns": {name: {...}}, "parent": ..., ...}</c>; a <c>name</c> inside a column is dropped.</summary>
    public static SchemaTable FromJson(string name, JsonObject definition)
    {
        var columns = new List<SchemaColumn>();
        if (definition["columns"] is JsonObject columnObject)
        {
            foreach (var (columnName, properties) in columnObject)
            {
                var copy = properties is JsonObject props ? (JsonObject)props.DeepClone() : [];
                copy.Remove("name");
                columns.Add(new SchemaColumn(columnName, copy));
            }
        }

        return new SchemaTable(
            name,
            (string?)definition["parent"],
            (string?)definition["write_disposition"],
            (string?)definition["resource"],
            columns);
    }

    /// <summary>Reads every table of a <c>{table: definition}</c> object, in its order.</summary>
    public static IReadOnlyList<SchemaTable> ListFromJson(JsonObject tables) =>
        tables.Select(p => FromJson(p.Key, p.Value as JsonObject ?? [])).ToList();
}
