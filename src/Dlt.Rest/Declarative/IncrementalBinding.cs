using System.Globalization;
using System.Text.Json.Nodes;

namespace Dlt.Rest;

/// <summary>
/// Turns a resource's <see cref="IncrementalConfig"/> into the core's <see cref="Incremental{TCursor}"/>
/// and, each time a pipeline binds the resource, hands the cursor's start and end values for its requests to the run.
/// </summary>
internal static class IncrementalBinding
{
    public static Resource Create(ResourcePlan plan, Func<ResourceContext, IncrementalRequestValues, IAsyncEnumerable<object>> items)
    {
        if (plan.CursorType == typeof(string))
        {
            return Create<string>(plan, items);
        }

        return plan.CursorType == typeof(long) ? Create<long>(plan, items) : Create<double>(plan, items);
    }

    private static Resource Create<TCursor>(ResourcePlan plan, Func<ResourceContext, IncrementalRequestValues, IAsyncEnumerable<object>> items)
    {
        var config = plan.Incremental!;
        var initial = config.InitialValue is null ? default : Value<TCursor>(config.InitialValue);
        var lastValueFunc = config.LastValueFunc == "min" ? LastValueFunc<TCursor>.Min : LastValueFunc<TCursor>.Max;
        var incremental = config.EndValue is { } end
            ? new Incremental<TCursor>(config.CursorPath!)
            {
                InitialValue = initial,
                EndValue = Value<TCursor>(end),
                LastValueFunc = lastValueFunc,
                Lag = config.Lag,
                RangeStart = config.RangeStart ?? RangeBoundary.Closed,
                RangeEnd = config.RangeEnd ?? RangeBoundary.Open,
                OnCursorValueMissing = config.OnCursorValueMissing ?? CursorValueMissing.Raise,
                RowOrder = config.RowOrder,
            }
            : new Incremental<TCursor>(config.CursorPath!)
            {
                InitialValue = initial,
                LastValueFunc = lastValueFunc,
                Lag = config.Lag,
                RangeStart = config.RangeStart ?? RangeBoundary.Closed,
                RangeEnd = config.RangeEnd ?? RangeBoundary.Open,
                OnCursorValueMissing = config.OnCursorValueMissing ?? CursorValueMissing.Raise,
                RowOrder = config.RowOrder,
            };
        return Resource.Create(plan.Name, context =>
        {
            var cursor = context.Incremental<TCursor>();
            return items(context, new IncrementalRequestValues(
                cursor.HasLastValue ? Converted(config, cursor.StartValue) : null,
                cursor.HasEndValue ? Converted(config, cursor.EndValue) : null));
        }).WithIncremental(incremental);
    }

    private static object? Converted(IncrementalConfig config, object? value) =>
        value is not null && config.Convert is { } convert ? convert(value) : value;

    private static TCursor Value<TCursor>(object value) => value is JsonValue json
        ? json.GetValue<TCursor>()
        : (TCursor)Convert.ChangeType(value, typeof(TCursor), CultureInfo.InvariantCulture);
}
