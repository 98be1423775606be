using Dlt.Schemas;

namespace Dlt.Normalize;

/// <summary>The outcome of normalizing a package: its schema and the rows written per table.</summary>
internal sealed record NormalizedPackage(string LoadId, Schema Schema, IReadOnlyDictionary<string, long> RowCounts);
