namespace Dlt;

/// <summary>
/// A row's cursor value cannot be used: the field is missing or null (with
/// <see cref="CursorValueMissing.Raise"/>), or holds a value of another type than the cursor's.
/// </summary>
public sealed class IncrementalCursorException(string resourceName, string cursorPath, string message) : Exception(message)
{
    /// <summary>The resource whose row failed.</summary>
    public string ResourceName { get; } = resourceName;

    /// <summary>The cursor path of the incremental.</summary>
    public string CursorPath { get; } = cursorPath;
}
