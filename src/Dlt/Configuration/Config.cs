using System.Diagnostics.CodeAnalysis;
using Dlt.Configuration;

namespace Dlt;

/// <summary>
/// Configuration values for user code, like dlt's <c>dlt.config</c>. Inside a resource being
/// extracted, a plain key is looked up in that resource's sections, then its source's, then at the
/// top level (<c>sources.&lt;source&gt;.resources.&lt;resource&gt;.key</c> ... <c>key</c>), first
/// under the pipeline name; outside a pipeline, at the top level of the current directory's
/// <c>.dlt</c> files and the environment. A dotted key (<c>sources.github.per_page</c>) is a full path.
/// </summary>
public static class Config
{
    /// <summary>The value of <paramref name="key"/> converted to <typeparamref name="T"/>.</summary>
    /// <exception cref="ConfigException">No provider has the key, or its value does not convert.</exception>
    public static T Get<T>(string key) => ConfigAccessor.Get<T>(key, sectionPath: null, secret: false);

    /// <summary>The value of <paramref name="key"/> under <paramref name="sectionPath"/> (<c>sources.github</c>), walked from that section up to the top level.</summary>
    /// <exception cref="ConfigException">No provider has the key, or its value does not convert.</exception>
    public static T Get<T>(string key, string sectionPath)
    {
        ArgumentNullException.ThrowIfNull(sectionPath);
        return ConfigAccessor.Get<T>(key, sectionPath, secret: false);
    }

    /// <summary>Looks up <paramref name="key"/> like <see cref="Get{T}(string)"/>; false when no provider has it.</summary>
    /// <exception cref="ConfigException">The value does not convert to <typeparamref name="T"/>.</exception>
    public static bool TryGet<T>(string key, [MaybeNullWhen(false)] out T value) => ConfigAccessor.TryGet(key, sectionPath: null, secret: false, out value);
}
