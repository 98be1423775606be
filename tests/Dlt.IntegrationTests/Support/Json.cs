using System.Text.Json;

namespace Dlt.IntegrationTests.Support;

internal static class Json
{
    public static IEnumerable<JsonElement> Items(params string[] json) => json.Select(j => JsonDocument.Parse(j).RootElement);
}
