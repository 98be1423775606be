namespace Dlt.Configuration;

/// <summary>
/// Which keys hold secrets, by name: such values belong in <c>secrets.toml</c> or the environment,
/// and never appear in messages, logs or <c>ToString()</c>.
/// </summary>
internal static class SecretKeys
{
    private static readonly string[] s_names = ["password", "token", "api_key", "apikey", "secret", "private_key", "credentials"];

    private static readonly string[] s_suffixes = ["_password", "_token", "_secret", "_api_key", "_private_key"];

    /// <summary>True when the value of <paramref name="key"/> (the last segment of a path) is a secret.</summary>
    public static bool IsSecret(string key) =>
        s_names.Contains(key, StringComparer.OrdinalIgnoreCase) ||
        s_suffixes.Any(s => key.EndsWith(s, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when a path holds a secret: its key is a secret, or it is a field of a <c>credentials</c> section named like a secret.</summary>
    public static bool IsSecret(IReadOnlyList<string> path) => path.Count > 0 && IsSecret(path[^1]);

    /// <summary>
    /// True when a value found in <c>config.toml</c> must move to <c>secrets.toml</c>: a secret-named
    /// key, except a <c>credentials</c> connection string that carries no password (a DuckDB file path).
    /// </summary>
    public static bool MustNotBeInConfigToml(IReadOnlyList<string> path, object? value)
    {
        if (path.Count == 0 || !IsSecret(path[^1]))
        {
            return false;
        }

        return !string.Equals(path[^1], "credentials", StringComparison.OrdinalIgnoreCase) ||
               value is not string text ||
               ConnectionCredentials.HasPassword(text);
    }
}
