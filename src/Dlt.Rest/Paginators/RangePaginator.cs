using System.Globalization;
using System.Text.Json;

namespace Dlt.Rest;

/// <summary>
/// A paginator that steps a number in a query parameter (a page number or an offset). After each
/// response: an empty page stops it (when <see cref="StopAfterEmptyPage"/>); otherwise the number
/// advances, and it stops once the number reaches the total at <see cref="TotalPath"/> or the
/// maximum; a flag at <see cref="HasMorePath"/> has the last word.
/// </summary>
public abstract record RangePaginator : Paginator
{
    private readonly string _parameter;
    private readonly long _initialValue;
    private readonly long _step;
    private readonly long _baseIndex;
    private readonly long? _maximumValue;
    private readonly JsonPath? _totalPath;
    private readonly JsonPath? _hasMorePath;
    private readonly string _totalName;

    private protected RangePaginator(
        string parameter, long initialValue, long step, long baseIndex, long? maximumValue, string? totalPath, bool stopAfterEmptyPage, string? hasMorePath, string totalName, string maximumName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(parameter);
        if (totalPath is null && maximumValue is null && !stopAfterEmptyPage && hasMorePath is null)
        {
            throw new ArgumentException($"{GetType().Name} needs a way to stop: set totalPath, {maximumName}, hasMorePath or stopAfterEmptyPage.");
        }

        _parameter = parameter;
        _initialValue = initialValue;
        _step = step;
        _baseIndex = baseIndex;
        _maximumValue = maximumValue;
        _totalPath = totalPath is null ? null : JsonPath.Parse(totalPath);
        _hasMorePath = hasMorePath is null ? null : JsonPath.Parse(hasMorePath);
        _totalName = totalName;
        TotalPath = totalPath;
        StopAfterEmptyPage = stopAfterEmptyPage;
        HasMorePath = hasMorePath;
        CurrentValue = initialValue;
    }

    /// <summary>Where the total (of items or pages) is in the body; null when the response has none.</summary>
    public string? TotalPath { get; }

    /// <summary>Whether a page without records ends the pagination.</summary>
    public bool StopAfterEmptyPage { get; }

    /// <summary>Where a boolean (or a string spelling one) says whether more pages follow; null when the response has none.</summary>
    public string? HasMorePath { get; }

    /// <summary>The number that the next request sends.</summary>
    public long CurrentValue { get; private set; }

    /// <inheritdoc/>
    public override void InitRequest(RestRequest request)
    {
        CurrentValue = _initialValue;
        UpdateRequest(request);
    }

    /// <inheritdoc/>
    public override void UpdateState(HttpResponseMessage response, JsonElement body, IReadOnlyList<RawJson> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (StopAfterEmptyPage && data.Count == 0)
        {
            HasNextPage = false;
            return;
        }

        long? total = _totalPath is null ? null : ReadTotal(body);
        CurrentValue += _step;
        if ((total is { } t && CurrentValue >= t + _baseIndex) || (_maximumValue is { } max && CurrentValue >= max))
        {
            HasNextPage = false;
        }

        if (_hasMorePath is not null)
        {
            HasNextPage = ReadHasMore(body);
        }
    }

    /// <inheritdoc/>
    public override void UpdateRequest(RestRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Query[_parameter] = CurrentValue.ToString(CultureInfo.InvariantCulture);
    }

    private long ReadTotal(JsonElement body)
    {
        if (!_totalPath!.TryFind(body, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new PaginationException($"Total {_totalName} is not found in the response in {GetType().Name}: expected a response with a '{_totalPath}' key. Set totalPath to where the total is, or to null with another way to stop.");
        }

        return JsonScalar.TryInteger(value, out var total)
            ? total
            : throw new PaginationException($"'{_totalPath}' is not an integer in the response in {GetType().Name}: got {JsonScalar.Describe(value)}.");
    }

    private bool ReadHasMore(JsonElement body)
    {
        if (!_hasMorePath!.TryFind(body, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new PaginationException($"'{_hasMorePath}' is not found in the response in {GetType().Name}: expected a boolean there. Set hasMorePath to where the flag is, or to null.");
        }

        return JsonScalar.TryBoolean(value, out var hasMore)
            ? hasMore
            : throw new PaginationException($"'{_hasMorePath}' is not a boolean in the response in {GetType().Name}: got {JsonScalar.Describe(value)}.");
    }
}
