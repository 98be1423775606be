using System.Text.Json.Nodes;

namespace Dlt.ConformanceTests.Canonical;

/// <summary>
/// A table as read from a destination, before canonicalization: its parent (null for a root table),
/// its columns in schema order, and one value per column for each row (values already in the
/// README's JSON rendering, e.g. timestamps as ISO strings).
/// </summary>
internal sealed record RawTable(string Name, string? Parent, IReadOnlyList<string> Columns, IReadOnlyList<JsonNode?[]> Rows);
