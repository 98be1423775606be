using System.Text.Json;

namespace Dlt.Tests.Support;

/// <summary>Items written as JSON text, as a resource yields them.</summary>
internal static class Json
{
    public static JsonElement Parse(string json) => JsonSerializer.Deserialize<JsonElement>(json);

    public static JsonElement[] Items(params string[] json) => [.. json.Select(Parse)];

    /// <summary>A resource named <paramref name="name"/> over the items written as JSON text.</summary>
    public static Resource Resource(string name, params string[] json) => Dlt.Resource.Create(name, Items(json));
}
