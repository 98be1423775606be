namespace Dlt.Configuration;

/// <summary>Environment variables: the path joined by <c>__</c>, upper case (<c>SOURCES__GITHUB__API_KEY</c>); empty values count as unset.</summary>
internal sealed class EnvironmentProvider(IReadOnlyDictionary<string, string> variables) : IConfigProvider
{
    public string Name => "environment";

    public bool SupportsSecrets => true;

    public static string VariableName(IReadOnlyList<string> path) => string.Join("__", path).ToUpperInvariant();

    public bool TryGet(IReadOnlyList<string> path, out ConfigValue value)
    {
        var name = VariableName(path);
        if (variables.TryGetValue(name, out var text) && !string.IsNullOrEmpty(text))
        {
            value = new ConfigValue(text, string.Join('.', path), "environment variable " + name);
            return true;
        }

        value = default;
        return false;
    }
}
