using System.Text.Json;

namespace Dlt.Storage;

/// <summary>Copies a JSON value to a writer, passing every string value through a rewrite (keys and other values are kept).</summary>
internal static class JsonStringRewriter
{
    public static void Write(Utf8JsonWriter writer, JsonElement value, Action<Utf8JsonWriter, string> writeString)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value, writeString);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    Write(writer, item, writeString);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writeString(writer, value.GetString()!);
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
