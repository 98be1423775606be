namespace Dlt.Configuration;

/// <summary>
/// The extract stage's keys: <c>[extract]</c>, per source <c>[sources.&lt;source&gt;.extract]</c>, per
/// resource <c>[sources.&lt;source&gt;.resources.&lt;resource&gt;.extract]</c>.
/// </summary>
public sealed record ExtractSettings
{
    private static readonly Dictionary<string, NextItemMode> s_nextItemModes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["round_robin"] = NextItemMode.RoundRobin,
        ["fifo"] = NextItemMode.Fifo,
    };

    /// <summary>
    /// Threads that run blocking resource work (<c>workers</c>).
    /// <value>The default value is 5.</value>
    /// </summary>
    public int Workers { get; init; } = 5;

    /// <summary>
    /// Items (callables, awaitables) queued or running at once (<c>max_parallel_items</c>).
    /// <value>The default value is 20.</value>
    /// </summary>
    public int MaxParallelItems { get; init; } = 20;

    /// <summary>
    /// How items are taken from several resources (<c>next_item_mode</c>: <c>round_robin</c> or <c>fifo</c>).
    /// <value>The default value is <see cref="NextItemMode.RoundRobin"/>.</value>
    /// </summary>
    public NextItemMode NextItemMode { get; init; } = NextItemMode.RoundRobin;

    internal static ExtractSettings Read(SettingsReader reader, IReadOnlyList<string[]> sections)
    {
        var defaults = new ExtractSettings();
        return new ExtractSettings
        {
            Workers = reader.Integer(sections, "workers", defaults.Workers, min: 1),
            MaxParallelItems = reader.Integer(sections, "max_parallel_items", defaults.MaxParallelItems, min: 1),
            NextItemMode = reader.Choice(sections, "next_item_mode", defaults.NextItemMode, s_nextItemModes),
        };
    }
}
