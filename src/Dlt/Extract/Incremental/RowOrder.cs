namespace Dlt;

/// <summary>The order in which a resource yields its rows by cursor value (dlt's <c>row_order</c>); a known order lets the run stop the resource once its rows leave the range.</summary>
public enum RowOrder
{
    /// <summary>Rising cursor values: the resource stops at the first row past the end value.</summary>
    Ascending,

    /// <summary>Falling cursor values: the resource stops at the first row before the start value.</summary>
    Descending,
}
