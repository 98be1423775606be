namespace Dlt.Configuration;

/// <summary>The normalize stage's keys, <c>[normalize]</c>.</summary>
public sealed record NormalizeSettings
{
    private static readonly Dictionary<string, NormalizeStartMethod?> s_startMethods = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fork"] = NormalizeStartMethod.Fork,
        ["spawn"] = NormalizeStartMethod.Spawn,
        ["forkserver"] = NormalizeStartMethod.ForkServer,
    };

    /// <summary>
    /// Worker threads that normalize the files of a package in parallel (<c>workers</c>).
    /// <value>The default value is 3.</value>
    /// </summary>
    public int Workers { get; init; } = 3;

    /// <summary>
    /// dlt's process start method (<c>start_method</c>: <c>fork</c>, <c>spawn</c> or <c>forkserver</c>);
    /// validated, but without effect here: the workers are threads.
    /// <value>The default value is <see langword="null"/> (the OS default in dlt).</value>
    /// </summary>
    public NormalizeStartMethod? StartMethod { get; init; }

    internal static NormalizeSettings Read(SettingsReader reader)
    {
        var sections = ConfigSections.Named(ConfigSections.Normalize);
        var defaults = new NormalizeSettings();
        return new NormalizeSettings
        {
            Workers = reader.Integer(sections, "workers", defaults.Workers, min: 1),
            StartMethod = reader.Choice(sections, "start_method", defaults.StartMethod, s_startMethods),
        };
    }
}
