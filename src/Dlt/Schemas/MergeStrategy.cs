namespace Dlt;

/// <summary>How a table with write disposition <see cref="WriteDisposition.Merge"/> takes the rows of a load (dlt's <c>x-merge-strategy</c>).</summary>
public enum MergeStrategy
{
    /// <summary>
    /// Deletes the rows whose primary key or merge key matches a row of the load (child rows through
    /// <c>_dlt_root_id</c>), then inserts the load's rows deduplicated by primary key. The default.
    /// </summary>
    DeleteInsert,

    /// <summary>Updates rows by primary key and inserts the new ones; child rows by their <c>_dlt_id</c>. The row id is the hash of the primary key. Needs a primary key.</summary>
    Upsert,

    /// <summary>Inserts only rows (with their child rows) whose primary key is not there yet; nothing is updated or deleted. Needs a primary key.</summary>
    InsertOnly,

    /// <summary>Keeps every version of a row with validity columns (slowly changing dimension type 2); set it with <see cref="Resource.WithScd2"/>.</summary>
    Scd2,
}
