using System.Globalization;
using System.Text.Json.Nodes;

namespace Dlt.Rest;

/// <summary>The cursor values of one resource's run that go into its requests (<c>{incremental.start_value}</c>, <c>{incremental.end_value}</c>).</summary>
internal sealed class IncrementalRequestValues(object? start, object? end)
{
    /// <summary>The value of an <c>incremental.*</c> placeholder as JSON (a body keeps its type).</summary>
    public JsonNode? Json(string field) => JsonValue.Create(Of(field));

    /// <summary>The value of an <c>incremental.*</c> placeholder as Python's <c>str()</c> writes it into a URL.</summary>
    public string Text(string field) => Of(field) switch
    {
        null => "None",
        string text => text,
        double number when double.IsFinite(number) && Math.Floor(number) == number && Math.Abs(number) < 1e16 => number.ToString("0.0", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
        var value => value.ToString() ?? "",
    };

    /// <summary>Whether there is a start value: false on a first run without an initial value, when the start param is left out.</summary>
    public bool HasStart => start is not null;

    private object? Of(string field) => field == "incremental.end_value" ? end : start;
}
