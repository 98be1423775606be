using Dlt.Schemas;

namespace Dlt.Normalize;

/// <summary>
/// The outcome of normalizing a package: its schema, the rows written per table, its segments and
/// how many of them were normalized a second time because parallel workers found conflicting
/// schema changes.
/// </summary>
internal sealed record NormalizedPackage(string LoadId, Schema Schema, IReadOnlyDictionary<string, long> RowCounts, int Segments, int SegmentsNormalizedAgain);
