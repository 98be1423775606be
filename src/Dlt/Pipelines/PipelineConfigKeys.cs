using Dlt.Configuration;

namespace Dlt.Pipelines;

/// <summary>
/// The keys of dlt's <c>PipelineConfiguration</c> that <see cref="PipelineOptions"/> leaves to
/// configuration when it does not set them: <c>dev_mode</c>, <c>restore_from_destination</c> and
/// <c>refresh</c>, looked up as dlt's <c>dlt.pipeline()</c> does in <c>[pipelines.&lt;name&gt;]</c>,
/// <c>[pipelines]</c>, then the top level (<c>DEV_MODE=true</c>, <c>PIPELINES__RESTORE_FROM_DESTINATION=false</c>).
/// </summary>
internal static class PipelineConfigKeys
{
    private const string PipelinesSection = "pipelines";

    private static readonly Dictionary<string, RefreshMode?> s_refreshModes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["drop_sources"] = RefreshMode.DropSources,
        ["drop_resources"] = RefreshMode.DropResources,
        ["drop_data"] = RefreshMode.DropData,
    };

    /// <summary><paramref name="options"/> with the values it leaves open taken from configuration (or dlt's defaults); invalid values go to the reader's problems.</summary>
    public static PipelineOptions Resolve(PipelineOptions options, string pipelineName, SettingsReader reader)
    {
        var sections = ConfigSections.Walk([PipelinesSection, pipelineName]);
        return options with
        {
            DevMode = options.DevMode ?? reader.Boolean(sections, "dev_mode", defaultValue: false),
            RestoreFromDestination = options.RestoreFromDestination ?? reader.Boolean(sections, "restore_from_destination", defaultValue: true),
            Refresh = options.Refresh ?? reader.Choice(sections, "refresh", null, s_refreshModes),
        };
    }
}
