namespace Dlt.Configuration;

/// <summary>The top-level <c>progress</c> and <c>log_period</c> keys (<c>PROGRESS=log</c>).</summary>
public sealed record ProgressSettings
{
    private static readonly Dictionary<string, ProgressCollector> s_collectors = new(StringComparer.OrdinalIgnoreCase)
    {
        ["none"] = ProgressCollector.None,
        ["log"] = ProgressCollector.Log,
        ["bars"] = ProgressCollector.Bars,
        ["tqdm"] = ProgressCollector.Tqdm,
        ["enlighten"] = ProgressCollector.Enlighten,
        ["alive_progress"] = ProgressCollector.AliveProgress,
    };

    /// <summary>
    /// The progress collector (<c>progress</c>: <c>none</c>, <c>log</c>, or live bars: <c>bars</c>, <c>tqdm</c>, <c>enlighten</c> or <c>alive_progress</c>).
    /// <value>The default value is <see cref="ProgressCollector.None"/>.</value>
    /// </summary>
    public ProgressCollector Collector { get; init; } = ProgressCollector.None;

    /// <summary>
    /// How often the <c>log</c> collector writes its counters (<c>log_period</c>, seconds).
    /// <value>The default value is 1 second.</value>
    /// </summary>
    public TimeSpan LogPeriod { get; init; } = TimeSpan.FromSeconds(1);

    internal static ProgressSettings Read(SettingsReader reader)
    {
        var sections = ConfigSections.TopLevel;
        var defaults = new ProgressSettings();
        return new ProgressSettings
        {
            Collector = reader.Choice(sections, "progress", defaults.Collector, s_collectors),
            LogPeriod = reader.Seconds(sections, "log_period", defaults.LogPeriod),
        };
    }
}
