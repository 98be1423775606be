using System.Diagnostics.CodeAnalysis;
using Dlt.Configuration;

namespace Dlt;

/// <summary>
/// Secret values for user code, like dlt's <c>dlt.secrets</c>: looked up like <see cref="Config"/>,
/// but never taken from <c>config.toml</c> (a secret found there is an error telling to move it to
/// <c>secrets.toml</c>). Error messages never contain the value.
/// </summary>
public static class Secrets
{
    /// <summary>The secret <paramref name="key"/> converted to <typeparamref name="T"/>.</summary>
    /// <exception cref="ConfigException">No provider has the key, it is in <c>config.toml</c>, or it does not convert.</exception>
    public static T Get<T>(string key) => ConfigAccessor.Get<T>(key, sectionPath: null, secret: true);

    /// <summary>The secret <paramref name="key"/> under <paramref name="sectionPath"/>, walked from that section up to the top level.</summary>
    /// <exception cref="ConfigException">No provider has the key, it is in <c>config.toml</c>, or it does not convert.</exception>
    public static T Get<T>(string key, string sectionPath)
    {
        ArgumentNullException.ThrowIfNull(sectionPath);
        return ConfigAccessor.Get<T>(key, sectionPath, secret: true);
    }

    /// <summary>Looks up the secret <paramref name="key"/>; false when no provider has it.</summary>
    /// <exception cref="ConfigException">It is in <c>config.toml</c>, or it does not convert.</exception>
    public static bool TryGet<T>(string key, [MaybeNullWhen(false)] out T value) => ConfigAccessor.TryGet(key, sectionPath: null, secret: true, out value);
}
