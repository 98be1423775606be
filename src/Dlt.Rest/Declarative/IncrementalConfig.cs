namespace Dlt.Rest;

/// <summary>
/// The incremental loading of a declarative resource (dlt's endpoint <c>incremental</c>): the cursor
/// field of its records, tracked across runs, and the request params that carry the cursor's start
/// and end values (also available as <c>{incremental.start_value}</c> and
/// <c>{incremental.end_value}</c> in the path, params and JSON body). The cursor type follows the
/// type of <see cref="InitialValue"/>: a string, an integer (<see cref="long"/>) or a float (<see cref="double"/>).
/// As a value of <see cref="Endpoint.Params"/> (dlt's <c>{"type": "incremental", ...}</c> param), the
/// param's name is its <see cref="StartParam"/>.
/// </summary>
public sealed record IncrementalConfig
{
    /// <summary>The field of each record that holds the cursor (<c>cursor_path</c>): a name or a JSON path.</summary>
    public string? CursorPath { get; init; }

    /// <summary>
    /// The start value of the first run (<c>initial_value</c>): a string, an integer or a float; it
    /// fixes the cursor type. <value>The default value is <see langword="null"/>: the first run loads
    /// everything and sends no start param; the cursor is then a string (an ISO timestamp, say).</value>
    /// </summary>
    public object? InitialValue { get; init; }

    /// <summary>The end of a fixed window (<c>end_value</c>), of the same type as <see cref="InitialValue"/>. <value>The default value is <see langword="null"/>: open-ended, the last value is kept.</value></summary>
    public object? EndValue { get; init; }

    /// <summary>The query param that gets the start value each run (<c>start_param</c>). <value>The default value is <see langword="null"/>: none.</value></summary>
    public string? StartParam { get; init; }

    /// <summary>The query param that gets the end value, when there is one (<c>end_param</c>). <value>The default value is <see langword="null"/>: none.</value></summary>
    public string? EndParam { get; init; }

    /// <summary>
    /// Turns the cursor's start and end values into what the request carries (dlt's <c>convert</c>),
    /// in the start and end params and the <c>{incremental.*}</c> placeholders; a missing value (no
    /// start value on a first run without <see cref="InitialValue"/>) is not passed to it. C# only.
    /// <value>The default value is <see langword="null"/>: the values as they are.</value>
    /// </summary>
    public Func<object, object?>? Convert { get; init; }

    /// <summary>Re-reads a window before the last value (<c>lag</c>). <value>The default value is <see langword="null"/>: none.</value></summary>
    public double? Lag { get; init; }

    /// <summary>Whether rows at the start value are in the range (<c>range_start</c>). <value>The default value is <see langword="null"/>: closed.</value></summary>
    public RangeBoundary? RangeStart { get; init; }

    /// <summary>Whether rows at the end value are in the range (<c>range_end</c>). <value>The default value is <see langword="null"/>: open.</value></summary>
    public RangeBoundary? RangeEnd { get; init; }

    /// <summary>What to do with a record without a cursor value (<c>on_cursor_value_missing</c>). <value>The default value is <see langword="null"/>: raise.</value></summary>
    public CursorValueMissing? OnCursorValueMissing { get; init; }

    /// <summary>The order of the records by cursor, when the API guarantees one (<c>row_order</c>). <value>The default value is <see langword="null"/>: unknown.</value></summary>
    public RowOrder? RowOrder { get; init; }

    /// <summary>Whether the newest value is the highest or the lowest (<c>last_value_func</c>: <c>max</c> or <c>min</c>). <value>The default value is <see langword="null"/>: max.</value></summary>
    public string? LastValueFunc { get; init; }
}
