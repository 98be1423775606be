using System.Text.Json;

namespace Dlt.Bench.Results;

/// <summary>The JSON shape of results: snake_case names, as in bench/results/latest.json.</summary>
internal static class ResultJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true };
}
