namespace Dlt.Rest;

/// <summary>
/// A parameter taken from each record of a parent resource (dlt's <c>{"type": "resolve", "resource": ..., "field": ...}</c>):
/// bound to the placeholder of the same name in the endpoint path.
/// </summary>
/// <param name="Resource">The parent resource.</param>
/// <param name="Field">The field of the parent record (a name or a dotted path).</param>
public sealed record ResolveParam(string Resource, string Field);
