using System.Text.Json.Nodes;

namespace Dlt.Rest;

/// <summary>
/// A step applied to each record of a declarative REST resource (dlt's <c>processing_steps</c>):
/// <see cref="Filter"/> keeps records, <see cref="Map"/> changes them, <see cref="ExcludeColumns"/>
/// drops fields. Steps run in order on the record parsed as a <see cref="JsonObject"/>.
/// </summary>
public sealed class ProcessingStep
{
    private ProcessingStep(Func<JsonObject, JsonObject?> apply) => Apply = apply;

    /// <summary>The record after the step, or null when it is dropped.</summary>
    internal Func<JsonObject, JsonObject?> Apply { get; }

    /// <summary>Keeps the records for which <paramref name="predicate"/> is true (dlt's <c>filter</c>).</summary>
    public static ProcessingStep Filter(Func<JsonObject, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new(record => predicate(record) ? record : null);
    }

    /// <summary>Replaces each record by what <paramref name="map"/> returns (dlt's <c>map</c>); returning null drops it.</summary>
    public static ProcessingStep Map(Func<JsonObject, JsonObject?> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return new(map);
    }

    /// <summary>Removes <paramref name="fields"/> from each record.</summary>
    public static ProcessingStep ExcludeColumns(params string[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new(record =>
        {
            foreach (var field in fields)
            {
                record.Remove(field);
            }

            return record;
        });
    }
}
