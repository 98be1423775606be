namespace Dlt.Configuration;

/// <summary>A configuration value a provider held (dlt's <c>resolved_config_values</c>).</summary>
/// <param name="Key">The full dotted key it was found under.</param>
/// <param name="Provider">The provider and its file or variable name.</param>
/// <param name="Value">The value as text; null for a secret, which is never saved.</param>
/// <param name="IsSecret">Whether the key holds a secret.</param>
public sealed record ResolvedConfigValue(string Key, string Provider, string? Value, bool IsSecret);
