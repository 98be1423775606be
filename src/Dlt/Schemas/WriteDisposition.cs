namespace Dlt;

/// <summary>How the rows of a load reach an existing table.</summary>
public enum WriteDisposition
{
    /// <summary>Adds the rows to the table.</summary>
    Append,

    /// <summary>Replaces all rows of the table with the rows of this load.</summary>
    Replace,

    /// <summary>
    /// Merges the rows into the table by primary key or merge key, with the strategy set by
    /// <see cref="Resource.WithMergeStrategy"/> (delete-insert by default). The rows go to the
    /// staging dataset first; follow-up SQL moves them.
    /// </summary>
    Merge,

    /// <summary>Extracts and normalizes but never loads the table.</summary>
    Skip,
}
