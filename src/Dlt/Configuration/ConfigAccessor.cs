namespace Dlt.Configuration;

/// <summary>The lookup behind <see cref="Config"/> and <see cref="Secrets"/>.</summary>
internal static class ConfigAccessor
{
    public static bool TryGet<T>(string key, string? sectionPath, bool secret, out T value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var scope = ConfigScope.Current;
        var resolver = scope?.Resolver ?? ConfigResolver.Create(pipelineName: null);
        var (sections, name) = Sections(key, sectionPath, scope);
        switch (resolver.Find(sections, name, secret, out var found))
        {
            case LookupOutcome.NotFound:
                value = default!;
                return false;
            case LookupOutcome.SecretInConfigToml:
                throw new ConfigException([ConfigResolver.SecretInConfigToml(found.FullKey, found.Origin)]);
        }

        if (!ConfigConvert.TryConvert(found.Raw, typeof(T), out var converted))
        {
            throw new ConfigException([SettingsReader.Invalid(found, secret ? "secret" : name, Expectation(typeof(T)))]);
        }

        value = (T)converted!;
        return true;
    }

    public static T Get<T>(string key, string? sectionPath, bool secret)
    {
        if (TryGet<T>(key, sectionPath, secret, out var value))
        {
            return value;
        }

        var scope = ConfigScope.Current;
        var resolver = scope?.Resolver ?? ConfigResolver.Create(pipelineName: null);
        var (sections, name) = Sections(key, sectionPath, scope);
        var where = secret ? "secrets.toml, the environment or an IConfiguration" : "config.toml (secrets.toml for a secret), the environment or an IConfiguration";
        throw new ConfigException($"No {(secret ? "secret" : "configuration")} value for '{name}'. Looked for {resolver.DescribeLookup(sections, name)}. Set one of them in {where}.");
    }

    /// <summary>A dotted key is a full path walked from its own sections; a plain key walks the current scope (or an explicit section path).</summary>
    private static (IReadOnlyList<string[]> Sections, string Key) Sections(string key, string? sectionPath, ConfigScope? scope)
    {
        var parts = key.Split('.', StringSplitOptions.RemoveEmptyEntries);
        var name = parts[^1];
        if (sectionPath is not null)
        {
            return (ConfigSections.Walk([.. sectionPath.Split('.', StringSplitOptions.RemoveEmptyEntries), .. parts[..^1]]), name);
        }

        if (parts.Length > 1)
        {
            return (ConfigSections.Walk(parts[..^1]), name);
        }

        return (scope?.Sections ?? ConfigSections.TopLevel, name);
    }

    private static string Expectation(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target switch
        {
            _ when target == typeof(string) => "a string",
            _ when target == typeof(bool) => "a boolean (true or false)",
            _ when target == typeof(int) || target == typeof(long) || target == typeof(short) => "an integer",
            _ when target == typeof(double) || target == typeof(float) || target == typeof(decimal) => "a number",
            _ when target == typeof(TimeSpan) => "a number of seconds",
            _ when target.IsEnum => "one of " + string.Join(", ", Enum.GetNames(target)),
            _ => $"a value convertible to {target.Name} (supported: strings, booleans, integers, numbers, TimeSpan as seconds, enums)",
        };
    }
}
