namespace Dlt;

/// <summary>Whether a row whose cursor equals a range end is inside the range (dlt's <c>range_start</c> / <c>range_end</c>).</summary>
public enum RangeBoundary
{
    /// <summary>The end value itself is in the range.</summary>
    Closed,

    /// <summary>The end value itself is out of the range.</summary>
    Open,
}
