using Dlt.Load;
using Dlt.Pipelines;
using Dlt.Schemas;

namespace Dlt;

public sealed partial class Pipeline
{
    /// <summary>The resources a <see cref="DropAsync"/> drops, read by the extract it runs.</summary>
    private IReadOnlyList<string>? _dropResources;

    /// <summary>
    /// Drops the tables of <paramref name="resources"/> (with their nested tables) from the destination
    /// and from the schema, and resets their resource state (dlt's <c>dlt pipeline drop</c> and
    /// <c>drop_resources</c>). The drop travels as a load package: its tables are dropped when it loads, in
    /// the transaction of its schema update, and the new state and schema are stored with it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The pipeline has pending packages; load them first.</exception>
    public async Task<LoadInfo> DropAsync(IEnumerable<string> resources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resources);
        if (PendingPackages() > 0)
        {
            throw new InvalidOperationException($"Pipeline '{PipelineName}' has pending load packages: load them (LoadAsync or a run) before dropping resources.");
        }

        _dropResources = [.. resources];
        try
        {
            return await RunAsync([], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _dropResources = null;
        }
    }

    /// <summary>
    /// dlt's <c>dev_mode</c> on creation: wipes the working dir and suffixes the dataset name with the
    /// creation time, <c>_yyyyMMddHHmmss</c> (UTC; the suffix's <c>_</c> is dropped after a name ending in <c>_</c>).
    /// </summary>
    private static string StartDevMode(string datasetName, string workingDirectory, TimeProvider time)
    {
        if (Directory.Exists(workingDirectory))
        {
            Directory.Delete(workingDirectory, recursive: true);
        }

        var suffix = time.GetUtcNow().ToString("_yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        return datasetName.EndsWith('_') ? datasetName + suffix[1..] : datasetName + suffix;
    }

    /// <summary>
    /// Applies <paramref name="refresh"/> (the run's, else <see cref="PipelineOptions.Refresh"/>; or a <see cref="DropAsync"/>) to <paramref name="schema"/>
    /// and to the state before an extract, as dlt's <c>prepare_refresh_source</c>: the tables that saw data
    /// are listed in the package state, to be dropped or emptied at load. Returns the package state JSON.
    /// </summary>
    private string PrepareRefresh(Schema schema, PipelineState state, string sourceName, IReadOnlyList<Resource> resources, RefreshMode? refresh)
    {
        var mode = _dropResources is null ? refresh : RefreshMode.DropResources;
        if (mode is null)
        {
            return "{}";
        }

        HashSet<string> names = mode == RefreshMode.DropSources
            ? [.. schema.Tables.Where(t => t.Parent is null && !t.Name.StartsWith("_dlt", StringComparison.Ordinal)).Select(t => t.Resource ?? t.Name)]
            : [.. _dropResources ?? resources.Select(r => r.Name)];
        var tables = schema.Tables
            .Where(t => !t.Name.StartsWith("_dlt", StringComparison.Ordinal) && names.Contains(schema.RootOf(t).Resource ?? schema.RootOf(t).Name))
            .ToList();
        var withData = tables.Where(t => t.SeenData).Select(t => t.Name).Reverse().ToList();
        ResetState(state, sourceName, mode.Value, names, forceExtract: withData.Count > 0 && mode != RefreshMode.DropData);
        if (mode == RefreshMode.DropData)
        {
            return PackageRefresh.ToJson([], withData);
        }

        schema.RemoveTables([.. tables.Select(t => t.Name)]);
        schema.BumpVersion();
        _log.Info($"Refresh {mode}: dropping table(s) {string.Join(", ", withData)} of schema '{schema.Name}' when the package loads.");
        return PackageRefresh.ToJson(withData, []);
    }

    /// <summary>Resets the resource states (or the whole source state for <see cref="RefreshMode.DropSources"/>) in the state the extract starts from; the package carries it, and it becomes the local state only when the package has loaded.</summary>
    private static void ResetState(PipelineState state, string sourceName, RefreshMode mode, HashSet<string> resources, bool forceExtract)
    {
        if (mode == RefreshMode.DropSources)
        {
            state.RemoveSource(sourceName);
        }
        else
        {
            foreach (var name in resources)
            {
                state.ResourceState(sourceName, name, reset: true);
            }
        }

        // dlt's force_state_extract: the package that drops tables carries the state that goes with it.
        if (forceExtract)
        {
            state.ForceExtract();
        }
    }
}
