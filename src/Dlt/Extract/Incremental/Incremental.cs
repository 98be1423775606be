using System.Text.Json.Nodes;
using Dlt.Configuration;

namespace Dlt;

/// <summary>
/// Loads only new rows of a resource (dlt's <c>dlt.sources.incremental</c>): the value of the
/// cursor field of every row is compared with the newest value of earlier runs, kept in the
/// resource state; older rows are dropped, the newest value is saved with the load. Put it on a
/// resource with <see cref="Resource.WithIncremental{TCursor}"/>; a resource made with a
/// <see cref="ResourceContext"/> reads <see cref="ResourceContext.Incremental{TCursor}"/> to ask its
/// API only for new data.
/// </summary>
/// <typeparam name="TCursor">
/// The cursor type: <see cref="long"/>, <see cref="int"/>, <see cref="double"/>, <see cref="decimal"/>,
/// <see cref="string"/>, <see cref="DateTimeOffset"/>, <see cref="DateTime"/> or <see cref="DateOnly"/>.
/// </typeparam>
public sealed class Incremental<TCursor> : IncrementalDefinition
{
    private readonly TCursor? _initialValue;
    private readonly TCursor? _endValue;

    /// <summary>Tracks the field at <paramref name="cursorPath"/>: a field name of the data, or a JSON path (<c>$.a.b</c>, <c>a.b</c>, <c>a[0].b</c>).</summary>
    public Incremental(string cursorPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cursorPath);
        CursorValues<TCursor>.EnsureSupported();
        CursorPath = cursorPath;
        Path = Dlt.Extract.CursorPath.Parse(cursorPath);
    }

    /// <summary>A copy of <paramref name="other"/> tracking <paramref name="cursorPath"/>.</summary>
    private Incremental(Incremental<TCursor> other, string cursorPath)
        : this(cursorPath)
    {
        _initialValue = other._initialValue;
        HasInitialValue = other.HasInitialValue;
        _endValue = other._endValue;
        HasEndValue = other.HasEndValue;
        LastValueFunc = other.LastValueFunc;
        PrimaryKey = other.PrimaryKey;
        RowOrder = other.RowOrder;
        OnCursorValueMissing = other.OnCursorValueMissing;
        Lag = other.Lag;
        RangeStart = other.RangeStart;
        RangeEnd = other.RangeEnd;
        ConfigSection = other.ConfigSection;
    }

    /// <summary>The field the cursor reads, as given.</summary>
    public override string CursorPath { get; }

    /// <summary>The start value of the first run (dlt's <c>initial_value</c>); rows older than it are dropped.</summary>
    public TCursor? InitialValue
    {
        get => _initialValue;
        init
        {
            _initialValue = value;
            HasInitialValue = value is not null;
        }
    }

    /// <summary>
    /// The end of the range (dlt's <c>end_value</c>): rows beyond it are dropped, and the run keeps no
    /// cursor state (a backfill of a fixed window; it needs <see cref="InitialValue"/>).
    /// </summary>
    public TCursor? EndValue
    {
        get => _endValue;
        init
        {
            _endValue = value;
            HasEndValue = value is not null;
        }
    }

    /// <summary>Whether <see cref="InitialValue"/> was given.</summary>
    public bool HasInitialValue { get; private init; }

    /// <summary>Whether <see cref="EndValue"/> was given.</summary>
    public bool HasEndValue { get; private init; }

    /// <summary>Picks the newer of two values: <see cref="LastValueFunc{TCursor}.Max"/> (the default) or another.</summary>
    public LastValueFunc<TCursor> LastValueFunc { get; init; } = LastValueFunc<TCursor>.Max;

    /// <summary>
    /// The fields that identify a row for deduplication at the boundary (rows whose cursor equals the
    /// start value were loaded by the last run): null takes the resource's primary key (or the whole
    /// row without one); an empty list turns deduplication off.
    /// </summary>
    public IReadOnlyList<string>? PrimaryKey { get; init; }

    /// <summary>The order of the rows by cursor, when known: the resource is stopped once its rows leave the range.</summary>
    public RowOrder? RowOrder { get; init; }

    /// <summary>What to do with a row whose cursor is missing or null.</summary>
    public CursorValueMissing OnCursorValueMissing { get; init; } = CursorValueMissing.Raise;

    /// <summary>
    /// Re-reads a window before the last value: seconds for timestamps, days for dates, units for
    /// numbers. The last value still only moves forward; boundary deduplication is off.
    /// </summary>
    public double? Lag { get; init; }

    /// <summary>Whether rows equal to the start value are in the range (closed, the default) or not.</summary>
    public RangeBoundary RangeStart { get; init; } = RangeBoundary.Closed;

    /// <summary>Whether rows equal to the end value are in the range (open, the default) or not.</summary>
    public RangeBoundary RangeEnd { get; init; } = RangeBoundary.Open;

    /// <summary>
    /// The section, under the resource's, whose keys (<c>cursor_path</c>, <c>initial_value</c>,
    /// <c>end_value</c>, <c>row_order</c>, <c>on_cursor_value_missing</c>, <c>lag</c>, <c>range_start</c>,
    /// <c>range_end</c>) override the values given here, as dlt's configuration overrides the default of
    /// a resource's incremental argument: <c>[sources.&lt;section&gt;.&lt;resource&gt;.incremental]</c>,
    /// or <c>SOURCES__&lt;SECTION&gt;__&lt;RESOURCE&gt;__INCREMENTAL__INITIAL_VALUE</c>. Name it after the
    /// argument of a dlt resource (<c>updated_at=dlt.sources.incremental(...)</c> reads
    /// <c>[sources.&lt;section&gt;.&lt;resource&gt;.updated_at]</c>) to keep its configuration.
    /// <value>The default value is <c>incremental</c>.</value>
    /// </summary>
    public string ConfigSection
    {
        get;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            field = value;
        }
    } = "incremental";

    internal Dlt.Extract.PathSegment[] Path { get; }

    internal override string ConfigSectionName => ConfigSection;

    internal override Type CursorType => typeof(TCursor);

    internal override IncrementalDefinition Configure(Dlt.Extract.IncrementalConfiguration configuration, SettingsReader reader)
    {
        if (configuration.IsEmpty)
        {
            return this;
        }

        var configured = new Incremental<TCursor>(this, configuration.CursorPath ?? CursorPath)
        {
            RowOrder = configuration.RowOrder ?? RowOrder,
            OnCursorValueMissing = configuration.OnCursorValueMissing ?? OnCursorValueMissing,
            Lag = configuration.Lag ?? Lag,
            RangeStart = configuration.RangeStart ?? RangeStart,
            RangeEnd = configuration.RangeEnd ?? RangeEnd,
        };
        if (configuration.InitialValue is { } initial && ReadValue(initial, "initial_value", reader, out var initialValue))
        {
            configured = new Incremental<TCursor>(configured, configured.CursorPath) { InitialValue = initialValue };
        }

        if (configuration.EndValue is { } end && ReadValue(end, "end_value", reader, out var endValue))
        {
            configured = new Incremental<TCursor>(configured, configured.CursorPath) { EndValue = endValue };
        }

        return configured;
    }

    internal override Dlt.Extract.IIncrementalRun Bind(string resourceName, JsonObject resourceState, IReadOnlyList<string> resourcePrimaryKey) =>
        new IncrementalCursor<TCursor>(this, resourceName, resourceState, resourcePrimaryKey);

    private static bool ReadValue(ConfigValue found, string key, SettingsReader reader, out TCursor value)
    {
        if (CursorValues<TCursor>.TryFromConfig(found.Raw, out value))
        {
            return true;
        }

        reader.AddProblem(SettingsReader.Invalid(found, key, $"a value of the cursor's type, {CursorValues<TCursor>.TypeName}"));
        return false;
    }
}
