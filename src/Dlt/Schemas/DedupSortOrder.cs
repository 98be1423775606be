namespace Dlt;

/// <summary>Which of the rows sharing a primary key in one merge load wins (dlt's <c>dedup_sort</c> column hint).</summary>
public enum DedupSortOrder
{
    /// <summary>The row with the lowest value of the column wins (<c>asc</c>).</summary>
    Ascending,

    /// <summary>The row with the highest value of the column wins (<c>desc</c>).</summary>
    Descending,
}
