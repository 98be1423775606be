namespace Dlt;

/// <summary>What an incremental does with a row whose cursor field is missing or null (dlt's <c>on_cursor_value_missing</c>).</summary>
public enum CursorValueMissing
{
    /// <summary>Fails the extract with an error naming the resource, the cursor path and the row (the default).</summary>
    Raise,

    /// <summary>Keeps the row; it does not move the cursor.</summary>
    Include,

    /// <summary>Drops the row.</summary>
    Exclude,
}
