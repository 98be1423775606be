using System.Security.Cryptography;
using System.Text;
using Dlt.Destinations;
using Dlt.Pipelines;
using Dlt.Schemas;
using Dlt.Storage;

namespace Dlt;

public sealed partial class Pipeline
{
    /// <summary>
    /// The pipeline of one partition of this pipeline: named <c>&lt;pipeline_name&gt;__p_&lt;hash of the key&gt;</c>,
    /// with its own working dir (beside this one), state and staging dataset, loading into this
    /// pipeline's dataset and destination. Partitions of one pipeline may run at the same time, in one
    /// process or in many.
    /// </summary>
    /// <param name="partitionKey">The partition key; the same key always gives the same pipeline.</param>
    public Pipeline ForPartition(string partitionKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(partitionKey);
        var suffix = PartitionSuffix(partitionKey);
        var options = _options with { PipelinesDirectory = Path.GetDirectoryName(WorkingDirectory), DevMode = false };
        return CreateCore(PipelineName + suffix, Destination, DatasetName, options, stagingSuffix: suffix);
    }

    /// <summary>
    /// Runs partition <paramref name="partitionKey"/> of <paramref name="source"/> as part of run
    /// <paramref name="runId"/> on its partition pipeline (<see cref="ForPartition(string)"/>), at most
    /// once: a pending package of the partition is finished first (or set aside unloaded, in
    /// <c>superseded/</c>, when the destination shows that another working dir has run the partition
    /// since), and a partition whose package of this run has loaded (recorded in the state that package
    /// carried, restored from the destination when the working dir lacks it) is not extracted again. Call
    /// it again after any failure or crash, from any process; see docs/scale-out.md for what a working
    /// dir that other machines do not see guarantees.
    /// </summary>
    /// <param name="source">The partitioned source.</param>
    /// <param name="partitionKey">The partition to run.</param>
    /// <param name="runId">Names one run of all the partitions; a new id runs every partition again (incremental cursors carry over).</param>
    /// <param name="cancellationToken">Stops the run; rerunning resumes it.</param>
    /// <returns>What the partition pipeline loaded: no packages when the partition had loaded in this run already.</returns>
    public Task<LoadInfo> RunPartitionAsync(PartitionedSource source, string partitionKey, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(partitionKey);
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var partitionSource = source.ForPartition(partitionKey);
        return ForPartition(partitionKey).RunCoreAsync(partitionSource.Section, partitionSource.Name, partitionSource.Resources, Contracts.Of(partitionSource), cancellationToken, partition: new PartitionMark(partitionKey, runId));
    }

    /// <summary>
    /// Runs every partition of <paramref name="source"/> in this process, at most
    /// <paramref name="maxParallelism"/> at a time, each as <see cref="RunPartitionAsync"/> does.
    /// </summary>
    /// <returns>What each partition pipeline loaded, in the order of the keys.</returns>
    /// <exception cref="AggregateException">Partitions failed; the others have loaded, and running again finishes the failed ones.</exception>
    public async Task<IReadOnlyList<LoadInfo>> RunPartitionsAsync(PartitionedSource source, string runId, int maxParallelism = 4, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelism, 1);
        var keys = await source.KeysAsync(cancellationToken).ConfigureAwait(false);
        var results = new LoadInfo?[keys.Count];
        var failures = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, keys.Count),
            new ParallelOptions { MaxDegreeOfParallelism = maxParallelism, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                try
                {
                    results[index] = await RunPartitionAsync(source, keys[index], runId, token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    failures.Add(ex);
                }
            }).ConfigureAwait(false);
        return failures.IsEmpty ? [.. results.Select(r => r!)] : throw new AggregateException(
            $"{failures.Count} of {keys.Count} partition(s) of source '{source.Name}' failed in run '{runId}'; the others have loaded. Run again to finish the failed ones.", failures);
    }

    /// <summary>The name of the pipeline of partition <paramref name="partitionKey"/> of pipeline <paramref name="pipelineName"/>.</summary>
    public static string PartitionPipelineName(string pipelineName, string partitionKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(pipelineName);
        ArgumentException.ThrowIfNullOrEmpty(partitionKey);
        return pipelineName + PartitionSuffix(partitionKey);
    }

    /// <summary><c>__p_</c> and the first 12 hex digits of the SHA-256 of the key: a valid folder and identifier part, whatever the key holds.</summary>
    private static string PartitionSuffix(string partitionKey) =>
        "__p_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(partitionKey)))[..12];

    /// <summary>
    /// Sets aside (in <c>superseded/</c>) the pending packages of this partition pipeline whose state the
    /// destination has reached already: the state stored by the newest completed load of this pipeline has
    /// a version at least that of the package's state, from another load. That happens when the partition's
    /// job was retried on a working dir that did not see this one (another machine) and loaded there; loading
    /// the package now would load the same run's rows a second time.
    /// </summary>
    /// <returns>The number of packages set aside.</returns>
    private async Task<int> SetAsideSupersededPackagesAsync(CancellationToken cancellationToken)
    {
        StoredState? stored;
        var client = await Destination.ConnectAsync(DatasetName, StagingDatasetName, cancellationToken).ConfigureAwait(false);
        await using (client.ConfigureAwait(false))
        {
            var tables = await client.ExistingSystemTablesAsync(cancellationToken).ConfigureAwait(false);
            stored = tables.Contains(Schema.PipelineStateTable) && tables.Contains(Schema.LoadsTable)
                ? await client.ReadStoredStateAsync(PipelineName, cancellationToken).ConfigureAwait(false)
                : null;
        }

        if (stored is null)
        {
            return 0;
        }

        var storedVersion = stored.Version;
        var setAside = 0;
        foreach (var stage in new[] { _directories.Extracted, _directories.Normalized })
        {
            foreach (var loadId in PipelineDirectories.PackagesIn(stage))
            {
                var snapshot = Path.Combine(stage, loadId, PackageFolders.PipelineStateFile);
                if (loadId == stored.LoadId || !File.Exists(snapshot) || PipelineState.Load(snapshot, PipelineName).Version > storedVersion)
                {
                    continue;
                }

                var target = Path.Combine(_directories.Superseded, loadId);
                Directory.CreateDirectory(_directories.Superseded);
                Directory.Move(Path.Combine(stage, loadId), target);
                _log.Warning($"Pending load package {loadId} of pipeline '{PipelineName}' was set aside in '{target}' without loading: load {stored.LoadId} of dataset '{DatasetName}' stored a state of version {storedVersion}, not older than the package's, so another working dir has run this partition since. Delete the folder once you no longer need it.");
                setAside++;
            }
        }

        return setAside;
    }

    /// <summary>Whether the newest loaded package of this (partition) pipeline carries <paramref name="partition"/>'s mark.</summary>
    private bool PartitionLoaded(PartitionMark partition, string schemaName) =>
        partition.IsIn(PipelineState.Load(_directories.StateFile, PipelineName), _naming.NormalizeIdentifier(schemaName));
}
