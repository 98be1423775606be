using Dlt.Configuration;

namespace Dlt.Extract;

/// <summary>
/// The keys of dlt's <c>Incremental</c> configuration spec found for one incremental: <c>cursor_path</c>,
/// <c>initial_value</c>, <c>end_value</c>, <c>row_order</c>, <c>on_cursor_value_missing</c>, <c>lag</c>,
/// <c>range_start</c> and <c>range_end</c> (<c>last_value_func</c> and <c>primary_key</c> are not
/// configuration in dlt). A key not found is null: the incremental keeps its value from code.
/// </summary>
internal sealed record IncrementalConfiguration(
    string? CursorPath,
    ConfigValue? InitialValue,
    ConfigValue? EndValue,
    RowOrder? RowOrder,
    CursorValueMissing? OnCursorValueMissing,
    double? Lag,
    RangeBoundary? RangeStart,
    RangeBoundary? RangeEnd)
{
    private static readonly Dictionary<string, RowOrder> s_rowOrders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["asc"] = Dlt.RowOrder.Ascending,
        ["desc"] = Dlt.RowOrder.Descending,
    };

    private static readonly Dictionary<string, CursorValueMissing> s_missing = new(StringComparer.OrdinalIgnoreCase)
    {
        ["raise"] = Dlt.CursorValueMissing.Raise,
        ["include"] = Dlt.CursorValueMissing.Include,
        ["exclude"] = Dlt.CursorValueMissing.Exclude,
    };

    private static readonly Dictionary<string, RangeBoundary> s_ranges = new(StringComparer.OrdinalIgnoreCase)
    {
        ["closed"] = RangeBoundary.Closed,
        ["open"] = RangeBoundary.Open,
    };

    /// <summary>Whether no key was found.</summary>
    public bool IsEmpty => this == new IncrementalConfiguration(null, null, null, null, null, null, null, null);

    /// <summary>Reads the keys under <paramref name="sections"/> (most specific first); invalid values go to the reader's problems.</summary>
    public static IncrementalConfiguration Read(SettingsReader reader, IReadOnlyList<string[]> sections) => new(
        reader.Text(sections, "cursor_path", null, path => !string.IsNullOrWhiteSpace(path) && IsPath(path), "a field name or JSON path"),
        reader.TryFind(sections, "initial_value", out var initial) ? initial : null,
        reader.TryFind(sections, "end_value", out var end) ? end : null,
        Choice(reader, sections, "row_order", s_rowOrders),
        Choice(reader, sections, "on_cursor_value_missing", s_missing),
        reader.TryFind(sections, "lag", out var lag) ? ReadLag(reader, lag) : null,
        Choice(reader, sections, "range_start", s_ranges),
        Choice(reader, sections, "range_end", s_ranges));

    private static T? Choice<T>(SettingsReader reader, IReadOnlyList<string[]> sections, string key, Dictionary<string, T> names)
        where T : struct
    {
        if (!reader.TryFind(sections, key, out var found))
        {
            return null;
        }

        if (found.Raw is string s && names.TryGetValue(s.Trim(), out var value))
        {
            return value;
        }

        reader.AddProblem(SettingsReader.Invalid(found, key, "one of " + string.Join(", ", names.Keys)));
        return null;
    }

    private static double? ReadLag(SettingsReader reader, ConfigValue found)
    {
        if (ConfigConvert.TryNumber(found.Raw, out var lag) && lag >= 0)
        {
            return lag;
        }

        reader.AddProblem(SettingsReader.Invalid(found, "lag", "a number >= 0"));
        return null;
    }

    private static bool IsPath(string path)
    {
        try
        {
            Dlt.Extract.CursorPath.Parse(path);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
