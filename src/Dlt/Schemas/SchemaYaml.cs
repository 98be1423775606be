using System.Text.Json;
using YamlDotNet.Serialization;

namespace Dlt.Schemas;

/// <summary>Writes a schema as YAML (dlt's <c>&lt;name&gt;.schema.yaml</c> export), with the same content as the stored JSON.</summary>
internal static class SchemaYaml
{
    public static string Export(Schema schema)
    {
        using var document = JsonDocument.Parse(SchemaJson.ToUtf8(schema, indented: false));
        return new SerializerBuilder().Build().Serialize(ToPlain(document.RootElement));
    }

    private static object? ToPlain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToPlain(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Select(ToPlain).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var integer) ? integer : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
