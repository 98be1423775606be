using Dlt.Load;
using Dlt.Pipelines;
using Dlt.Schemas;

namespace Dlt;

public sealed partial class Pipeline
{
    /// <summary>The drop a <see cref="DropAsync(DropOptions, CancellationToken)"/> runs, read by the extract it runs.</summary>
    private DropOptions? _drop;

    /// <summary>
    /// Drops the tables of <paramref name="resources"/> (with their nested tables) from the destination
    /// and from the default schema, and resets their resource state (dlt's <c>drop_resources</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The pipeline has pending packages; load them first.</exception>
    public Task<LoadInfo> DropAsync(IEnumerable<string> resources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resources);
        return DropAsync(new DropOptions { Resources = [.. resources] }, cancellationToken);
    }

    /// <summary>
    /// Drops what <paramref name="options"/> selects (dlt's <c>dlt pipeline &lt;name&gt; drop</c>): the tables of
    /// the selected resources with their nested tables, from the destination and from the schema, their
    /// resource state, and the given source state keys. The drop travels as a load package: its tables are
    /// dropped when it loads, in the transaction of its schema update, and the new state and schema are
    /// stored with it. <see cref="PlanDrop"/> tells what it will change.
    /// </summary>
    /// <exception cref="InvalidOperationException">The pipeline has pending packages; load them first.</exception>
    public async Task<LoadInfo> DropAsync(DropOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (PendingPackages() > 0)
        {
            throw new InvalidOperationException($"Pipeline '{PipelineName}' has pending load packages: load them (LoadAsync or a run) before dropping resources.");
        }

        var schemaName = DropSchemaName(options);
        _drop = options;
        try
        {
            return await RunCoreAsync(schemaName, schemaName, [], Contracts.None, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _drop = null;
        }
    }

    /// <summary>What <see cref="DropAsync(DropOptions, CancellationToken)"/> would drop, from the working dir's schema and state (a dry run; nothing changes).</summary>
    /// <exception cref="InvalidOperationException">The pipeline has no such schema yet.</exception>
    public DropPlan PlanDrop(DropOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var schemaName = _naming.NormalizeIdentifier(DropSchemaName(options));
        var path = _directories.SchemaFile(schemaName);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Pipeline '{PipelineName}' has no schema '{schemaName}' (no file '{path}'): run it first, or name one of its schemas.");
        }

        return DropPlanner.Plan(SchemaJson.Load(path, _naming), LocalState.Current(_directories, PipelineName), options);
    }

    /// <summary>The schema a drop works on: the one named, else the state's default schema, else the pipeline's.</summary>
    private string DropSchemaName(DropOptions options) =>
        options.SchemaName ?? PipelineState.Load(_directories.StateFile, PipelineName).DefaultSchemaName ?? DefaultSchemaName;

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
    /// Applies <paramref name="refresh"/> (the run's, else <see cref="PipelineOptions.Refresh"/>; or a <see cref="DropAsync(DropOptions, CancellationToken)"/>) to <paramref name="schema"/>
    /// and to the state before an extract, as dlt's <c>prepare_refresh_source</c>: the tables that saw data
    /// are listed in the package state, to be dropped or emptied at load. Returns the package state JSON.
    /// </summary>
    private string PrepareRefresh(Schema schema, PipelineState state, string sourceName, IReadOnlyList<Resource> resources, RefreshMode? refresh)
    {
        if (_drop is not null)
        {
            var plan = DropPlanner.Plan(schema, state, _drop);
            DropPlanner.Apply(plan, schema, state);
            _log.Info($"Drop: table(s) [{string.Join(", ", plan.Tables)}] of schema '{schema.Name}', resource state(s) [{string.Join(", ", plan.ResourceStates)}], state path(s) [{string.Join(", ", plan.StatePaths)}]; tables with data are dropped when the package loads.");
            return PackageRefresh.ToJson(plan.TablesWithData, []);
        }

        if (refresh is not { } mode)
        {
            return "{}";
        }

        HashSet<string> names = mode == RefreshMode.DropSources
            ? [.. schema.Tables.Where(t => t.Parent is null && !t.Name.StartsWith("_dlt", StringComparison.Ordinal)).Select(t => t.Resource ?? t.Name)]
            : [.. resources.Select(r => r.Name)];
        var tables = schema.Tables
            .Where(t => !t.Name.StartsWith("_dlt", StringComparison.Ordinal) && names.Contains(schema.RootOf(t).Resource ?? schema.RootOf(t).Name))
            .ToList();
        var withData = tables.Where(t => t.SeenData).Select(t => t.Name).Reverse().ToList();
        ResetState(state, sourceName, mode, names, forceExtract: withData.Count > 0 && mode != RefreshMode.DropData);
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
