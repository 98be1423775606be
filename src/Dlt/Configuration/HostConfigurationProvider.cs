using Microsoft.Extensions.Configuration;

namespace Dlt.Configuration;

/// <summary>An <see cref="IConfiguration"/> handed in by a host application: the path joined by <c>:</c> (<c>extract:workers</c>), case-insensitive.</summary>
internal sealed class HostConfigurationProvider(IConfiguration configuration) : IConfigProvider
{
    public string Name => "IConfiguration";

    public bool SupportsSecrets => true;

    public bool TryGet(IReadOnlyList<string> path, out ConfigValue value)
    {
        var key = string.Join(':', path);
        var text = configuration[key];
        if (!string.IsNullOrEmpty(text))
        {
            value = new ConfigValue(text, string.Join('.', path), $"IConfiguration key '{key}'");
            return true;
        }

        value = default;
        return false;
    }
}
