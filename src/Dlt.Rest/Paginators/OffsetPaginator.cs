using System.Globalization;

namespace Dlt.Rest;

/// <summary>
/// Pages through <c>offset</c> and <c>limit</c> query parameters: the offset grows by the limit
/// after each page until it reaches the total item count, <see cref="MaximumOffset"/>, an empty
/// page, or the has-more flag says no.
/// </summary>
public sealed record OffsetPaginator : RangePaginator
{
    /// <summary>Creates the paginator.</summary>
    /// <param name="limit">Items per page, sent in <paramref name="limitParam"/>.</param>
    /// <param name="offset">The offset of the first request.</param>
    /// <param name="offsetParam">The query parameter of the offset.</param>
    /// <param name="limitParam">The query parameter of the limit.</param>
    /// <param name="totalPath">Where the total item count is in the body; null when there is none.</param>
    /// <param name="maximumOffset">Stop once the offset reaches this value; null for no maximum.</param>
    /// <param name="stopAfterEmptyPage">Stop after a page without records.</param>
    /// <param name="hasMorePath">Where a flag says whether more pages follow; null when there is none.</param>
    /// <exception cref="ArgumentException">No stop condition is left (no total, maximum, has-more flag, nor stop on an empty page).</exception>
    public OffsetPaginator(
        int limit, long offset = 0, string offsetParam = "offset", string limitParam = "limit", string? totalPath = "total",
        long? maximumOffset = null, bool stopAfterEmptyPage = true, string? hasMorePath = null)
        : base(offsetParam, offset, limit, 0, maximumOffset, totalPath, stopAfterEmptyPage, hasMorePath, "items", "maximumOffset")
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentException.ThrowIfNullOrWhiteSpace(limitParam);
        Limit = limit;
        Offset = offset;
        OffsetParam = offsetParam;
        LimitParam = limitParam;
        MaximumOffset = maximumOffset;
    }

    /// <summary>Items per page.</summary>
    public int Limit { get; }

    /// <summary>The offset of the first request.</summary>
    public long Offset { get; }

    /// <summary>The query parameter of the offset.</summary>
    public string OffsetParam { get; }

    /// <summary>The query parameter of the limit.</summary>
    public string LimitParam { get; }

    /// <summary>The offset at which pagination stops; null for none.</summary>
    public long? MaximumOffset { get; }

    /// <inheritdoc/>
    public override void UpdateRequest(RestRequest request)
    {
        base.UpdateRequest(request);
        request.Query[LimitParam] = Limit.ToString(CultureInfo.InvariantCulture);
    }
}
