using System.Globalization;

namespace Dlt.Bench.Runner;

/// <summary>Short counts for variant names: 100k, 1M, 2.5M.</summary>
internal static class Count
{
    public static string Format(long value) => value switch
    {
        >= 1_000_000 => (value / 1_000_000.0).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 1_000 => (value / 1_000.0).ToString("0.##", CultureInfo.InvariantCulture) + "k",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };
}
