namespace Dlt.Configuration;

/// <summary>A value found by a provider: the raw value, the full key it was found under and where it came from.</summary>
/// <param name="Raw">A string (environment, <c>IConfiguration</c>), or a TOML value (long, double, bool, string, ...).</param>
/// <param name="FullKey">The dotted key the value was found under, with the pipeline name when it was found there.</param>
/// <param name="Origin">The provider, and the file or variable name: <c>config.toml (/app/.dlt/config.toml)</c>.</param>
internal readonly record struct ConfigValue(object Raw, string FullKey, string Origin)
{
    /// <summary>The key and where it came from, never the value (it may be a secret).</summary>
    public override string ToString() => $"{FullKey} from {Origin}";
}
