using System.Text.Json.Nodes;

namespace Dlt.Rest;

/// <summary>One resource of a checked config: its endpoint with defaults merged, and its parent.</summary>
internal sealed class ResourcePlan
{
    public required string Name { get; init; }

    public required EndpointResource Resource { get; init; }

    public required Placeholder Path { get; init; }

    public required HttpMethod Method { get; init; }

    public required IReadOnlyDictionary<string, Placeholder> Params { get; init; }

    public required IReadOnlyDictionary<string, Placeholder> Headers { get; init; }

    public JsonNode? Json { get; init; }

    public Paginator? Paginator { get; init; }

    public string? DataSelector { get; init; }

    public RestAuth? Auth { get; init; }

    public IReadOnlyList<ResponseAction> ResponseActions { get; init; } = [];

    /// <summary>The parent resource whose records each start a request; null for a top-level resource.</summary>
    public string? Parent { get; init; }

    /// <summary>Placeholder names (<c>resources.issues.number</c>, or a resolve param's name) and the parent field each reads.</summary>
    public IReadOnlyDictionary<string, JsonPath> ParentFields { get; init; } = new Dictionary<string, JsonPath>();

    public IReadOnlyList<string> IncludeFromParent { get; init; } = [];

    public IReadOnlyList<ProcessingStep> ProcessingSteps { get; init; } = [];

    public bool Selected { get; init; } = true;

    /// <summary>The resource's incremental, checked; null without one.</summary>
    public IncrementalConfig? Incremental { get; init; }

    /// <summary>The cursor type the incremental's initial value picks (string, long or double).</summary>
    public Type? CursorType { get; init; }

    /// <summary>The resources that request once per record of this one.</summary>
    public List<string> Children { get; } = [];
}
