namespace Dlt;

/// <summary>What a run resets before it extracts (dlt's <c>refresh</c> modes); set it in <see cref="PipelineOptions.Refresh"/>.</summary>
public enum RefreshMode
{
    /// <summary>
    /// <c>drop_sources</c>: drops every table of the schema of the extracted source and its whole
    /// source state (resource states included); the schema starts afresh.
    /// </summary>
    DropSources,

    /// <summary><c>drop_resources</c>: drops the tables of the extracted resources and resets their resource state; the source state is kept.</summary>
    DropResources,

    /// <summary><c>drop_data</c>: empties the tables of the extracted resources and resets their resource state; the schema is kept.</summary>
    DropData,
}
