using Dlt.Storage;

namespace Dlt.Normalize;

/// <summary>The segments a <see cref="StreamingNormalizer"/> normalized while extract ran, and what each produced.</summary>
internal sealed class StreamedSegments(IReadOnlyList<(FileSegment Segment, PackageNormalizer.SegmentResult Result)> segments, OwnRowIds ownIds)
{
    /// <summary>The <c>_dlt_id</c> values the segments' rows brought, which segments normalized again are checked against.</summary>
    public OwnRowIds OwnIds => ownIds;

    private readonly (FileSegment Segment, PackageNormalizer.SegmentResult Result)[] _ordered =
        [.. segments.OrderBy(s => Path.GetFileName(s.Segment.Path), StringComparer.Ordinal).ThenBy(s => s.Segment.Offset)];

    /// <summary>The segments in file order (as a normalize run after extract plans them), moved to the published package's <paramref name="jobsFolder"/>.</summary>
    public List<FileSegment> Segments(string jobsFolder) =>
        [.. _ordered.Select(s => s.Segment with { Path = Path.Combine(jobsFolder, Path.GetFileName(s.Segment.Path)) })];

    /// <summary>The results, in the order of <see cref="Segments"/>.</summary>
    public IEnumerable<PackageNormalizer.SegmentResult> Results => _ordered.Select(s => s.Result);
}
