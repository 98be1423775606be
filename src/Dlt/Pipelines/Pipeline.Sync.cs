using System.Text.Json.Nodes;
using Dlt.Destinations;
using Dlt.Pipelines;
using Dlt.Schemas;
using Dlt.Storage;

namespace Dlt;

public sealed partial class Pipeline
{
    /// <summary>
    /// Restores the pipeline state and schemas from the destination (dlt's <c>sync_destination</c>): the
    /// newest state stored in <c>_dlt_pipeline_state</c> by a completed load replaces the local one when
    /// its version is not older and it differs (the local dataset name is kept), and the schemas it names
    /// come from <c>_dlt_version</c>. A <c>state.json</c> that cannot be read is replaced too. When the
    /// dataset does not exist, a working dir that holds loaded data but no pending package is wiped.
    /// Pending packages are kept. Runs do the same before extracting unless <see cref="PipelineOptions.RestoreFromDestination"/> is off.
    /// </summary>
    /// <returns>Whether a state or a schema was restored.</returns>
    /// <exception cref="PipelineStepFailedException">The destination could not be read (step <c>sync</c>).</exception>
    public async Task<bool> SyncDestinationAsync(CancellationToken cancellationToken = default)
    {
        _directories.EnsureCreated();
        using var pipelineLock = PipelineLock.Acquire(_directories.LockFile, PipelineName);
        StateRestore.ReadLocal(_directories.StateFile, out var error);
        if (error is null)
        {
            // An unreadable state.json is what the restore replaces; recovery would stop at it.
            PipelineRecovery.Recover(_directories, _naming, _log);
        }

        return await RestoreFromDestinationAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The restore of a run, after its pending packages loaded and before it extracts. An unreadable
    /// <c>state.json</c> stops the run: replacing it is the user's call (<see cref="SyncDestinationAsync"/>).
    /// </summary>
    private async Task RestoreBeforeExtractAsync(CancellationToken cancellationToken)
    {
        StateRestore.ReadLocal(_directories.StateFile, out var error);
        if (error is not null)
        {
            throw new PipelineStepFailedException(PipelineName, "sync", null, new InvalidDataException(StateRestore.CorruptedMessage(_directories.StateFile, error), error), outcome: "");
        }

        if (_options.RestoreFromDestination != false && _options.DevMode != true)
        {
            await RestoreFromDestinationAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> RestoreFromDestinationAsync(CancellationToken cancellationToken)
    {
        try
        {
            var client = await Destination.ConnectAsync(DatasetName, StagingDatasetName, cancellationToken).ConfigureAwait(false);
            await using (client.ConfigureAwait(false))
            {
                return await RestoreFromAsync(client, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new PipelineStepFailedException(PipelineName, "sync", null, ex,
                $"The local state and schemas were left as they were; run again, or call {nameof(SyncDestinationAsync)} once the destination can be read.");
        }
    }

    private async Task<bool> RestoreFromAsync(IJobClient client, CancellationToken cancellationToken)
    {
        var local = StateRestore.ReadLocal(_directories.StateFile, out var error);
        var corrupted = error is not null;
        var tables = await client.ExistingSystemTablesAsync(cancellationToken).ConfigureAwait(false);
        if (!tables.Contains(Schema.VersionTable))
        {
            WipeIfDatasetIsGone(local, corrupted);
            return false;
        }

        var stored = tables.Contains(Schema.PipelineStateTable) && tables.Contains(Schema.LoadsTable)
            ? await client.ReadStoredStateAsync(PipelineName, cancellationToken).ConfigureAwait(false)
            : null;
        var remote = stored is null ? null : StateRestore.Decode(stored.State, $"state of pipeline '{PipelineName}' (load {stored.LoadId}) in {Schema.PipelineStateTable}");
        if (remote is null || !StateRestore.ReplacesLocal(remote, local))
        {
            // dlt downloads the schemas the local state names but the working dir lacks.
            return await RestoreSchemasAsync(client, SchemaNames(local).Where(name => !File.Exists(_directories.SchemaFile(name))).ToList(), replaceAll: false, cancellationToken).ConfigureAwait(false);
        }

        if (remote["pipeline_name"]?.GetValue<string>() is { } remoteName && remoteName != PipelineName)
        {
            throw new InvalidOperationException($"The state stored in dataset '{DatasetName}' for pipeline '{PipelineName}' names pipeline '{remoteName}'; it was not restored.");
        }

        if (remote["dataset_name"]?.GetValue<string>() is { } remoteDataset && remoteDataset != DatasetName)
        {
            _log.Warning($"The state of pipeline '{PipelineName}' restored from the destination names dataset '{remoteDataset}'; the pipeline keeps dataset '{DatasetName}'.");
        }

        if (PendingPackages() > 0)
        {
            _log.Warning($"Pipeline '{PipelineName}' got a newer state from the destination but has pending load packages; they are kept and load on the next run with the state and schema they were extracted with.");
        }

        await RestoreSchemasAsync(client, SchemaNames(remote), replaceAll: true, cancellationToken).ConfigureAwait(false);
        StateRestore.Save(StateRestore.Merge(remote, local, DatasetName, _options.TimeProvider.GetUtcNow().UtcDateTime), _directories.StateFile);
        _log.Info($"Restored the state of pipeline '{PipelineName}' (version {StateRestore.Version(remote)}, load {stored!.LoadId}) from dataset '{DatasetName}' of {Destination.DestinationType} at {Destination.Location}{(corrupted ? ", replacing the unreadable local state.json" : "")}.");
        return true;
    }

    /// <summary>Saves the newest stored version of each of <paramref name="names"/>; with <paramref name="replaceAll"/> the local schemas are deleted first (they belong to the replaced state).</summary>
    private async Task<bool> RestoreSchemasAsync(IJobClient client, List<string> names, bool replaceAll, CancellationToken cancellationToken)
    {
        if (names.Count == 0)
        {
            return false;
        }

        var stored = await client.ReadStoredSchemasAsync(names, cancellationToken).ConfigureAwait(false);
        if (replaceAll)
        {
            foreach (var file in Directory.GetFiles(_directories.Schemas, "*.schema.json"))
            {
                File.Delete(file);
            }
        }

        foreach (var name in names)
        {
            if (!stored.TryGetValue(name, out var json))
            {
                _log.Warning($"Schema '{name}' named by the state of pipeline '{PipelineName}' is not in {Schema.VersionTable} of dataset '{DatasetName}'; a new one is made when it is next extracted.");
                continue;
            }

            var schema = SchemaJson.Parse(System.Text.Encoding.UTF8.GetBytes(StateRestore.Decode(json, $"schema '{name}' in {Schema.VersionTable}").ToJsonString()), _naming);
            SchemaJson.Save(schema, _directories.SchemaFile(name));
            _log.Info($"Restored schema '{name}' version {schema.Version} from dataset '{DatasetName}'.");
        }

        return stored.Count > 0;
    }

    /// <summary>dlt's rule: a pipeline that has loaded before, whose dataset is gone, starts afresh; pending packages are never dropped.</summary>
    private void WipeIfDatasetIsGone(JsonObject? local, bool corrupted)
    {
        var hasData = corrupted
            || local?["_local"]?["first_run"]?.GetValue<bool>() == false
            || Directory.GetFiles(_directories.Schemas, "*.schema.json").Length > 0
            || PipelineDirectories.PackagesIn(_directories.Loaded).Count > 0;
        if (!hasData)
        {
            return;
        }

        if (PendingPackages() > 0)
        {
            _log.Warning($"Dataset '{DatasetName}' of pipeline '{PipelineName}' does not exist, but pending load packages are kept: they load into a new dataset on the next run.");
            return;
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(_directories.Root))
        {
            if (entry == _directories.LockFile)
            {
                continue;
            }

            if (Directory.Exists(entry))
            {
                Directory.Delete(entry, recursive: true);
            }
            else
            {
                File.Delete(entry);
            }
        }

        _directories.EnsureCreated();
        _log.Warning($"Dataset '{DatasetName}' of pipeline '{PipelineName}' does not exist at {Destination.Location}: the working dir '{_directories.Root}' was wiped and the pipeline starts afresh (its state and schemas were of the dropped dataset).");
    }

    private int PendingPackages() =>
        PipelineDirectories.PackagesIn(_directories.Extracted).Count + PipelineDirectories.PackagesIn(_directories.Normalized).Count;

    /// <summary>The schema names a state lists, with its default schema.</summary>
    private static List<string> SchemaNames(JsonObject? state)
    {
        var names = new List<string>();
        if (state?["schema_names"] is JsonArray array)
        {
            names.AddRange(array.Select(n => n?.GetValue<string>()).OfType<string>());
        }

        if (state?["default_schema_name"]?.GetValue<string>() is { } defaultName && !names.Contains(defaultName))
        {
            names.Add(defaultName);
        }

        return names;
    }
}
