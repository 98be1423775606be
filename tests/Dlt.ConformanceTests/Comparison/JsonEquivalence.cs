using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dlt.ConformanceTests.Canonical;

namespace Dlt.ConformanceTests.Comparison;

/// <summary>Equality of JSON values as the README asks: numbers numerically, objects ignoring key order, strings ordinally.</summary>
internal static class JsonEquivalence
{
    public static bool AreEquivalent(JsonNode? expected, JsonNode? actual)
    {
        if (expected is null || actual is null)
        {
            return expected is null && actual is null;
        }

        var kind = expected.GetValueKind();
        if (kind != actual.GetValueKind())
        {
            return false;
        }

        return kind switch
        {
            JsonValueKind.Object => ObjectsEquivalent(expected.AsObject(), actual.AsObject()),
            JsonValueKind.Array => ArraysEquivalent(expected.AsArray(), actual.AsArray()),
            JsonValueKind.Number => NumbersEqual(PythonJson.Dumps(expected), PythonJson.Dumps(actual)),
            JsonValueKind.String => string.Equals(expected.GetValue<string>(), actual.GetValue<string>(), StringComparison.Ordinal),
            _ => true,
        };
    }

    private static bool ObjectsEquivalent(JsonObject expected, JsonObject actual) =>
        expected.Count == actual.Count
        && expected.All(p => actual.TryGetPropertyValue(p.Key, out var value) && AreEquivalent(p.Value, value));

    private static bool ArraysEquivalent(JsonArray expected, JsonArray actual) =>
        expected.Count == actual.Count
        && expected.Zip(actual).All(p => AreEquivalent(p.First, p.Second));

    private static bool NumbersEqual(string expected, string actual)
    {
        if (PythonJson.IsIntegerSyntax(expected) && PythonJson.IsIntegerSyntax(actual))
        {
            return BigInteger.Parse(expected, CultureInfo.InvariantCulture) == BigInteger.Parse(actual, CultureInfo.InvariantCulture);
        }

        var left = ParseDouble(expected);
        var right = ParseDouble(actual);
        return left.Equals(right);
    }

    private static double ParseDouble(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
