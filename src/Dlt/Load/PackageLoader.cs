using System.Collections.Concurrent;
using Dlt.Configuration;
using Dlt.Destinations;
using Dlt.Progress;
using Dlt.Schemas;
using Dlt.Storage;

namespace Dlt.Load;

/// <summary>
/// Loads one normalized package: schema first (one transaction), then the jobs, each moved through
/// <c>new_jobs</c> -> <c>started_jobs</c> -> <c>completed_jobs</c> | <c>failed_jobs</c>, then the
/// <c>_dlt_loads</c> row, then the package moves to <c>load/loaded</c>.
/// </summary>
internal sealed class PackageLoader(PipelineDirectories directories, Destination destination, string datasetName, string stagingDatasetName, TimeProvider timeProvider, LoadSettings settings, ProgressReporter progress, PipelineLog log, Action<string>? faultHook, string replaceStrategy)
{
    public async Task<LoadedPackage> LoadAsync(string loadId, Schema schema, CancellationToken cancellationToken)
    {
        var package = Path.Combine(directories.Normalized, loadId);
        var first = await destination.ConnectAsync(datasetName, stagingDatasetName, cancellationToken).ConfigureAwait(false);
        var clients = new List<IJobClient> { first };
        try
        {
            await UpdateSchemaAsync(first, package, loadId, schema, cancellationToken).ConfigureAwait(false);

            var updates = Path.Combine(package, PackageFolders.SchemaUpdatesFile);
            if (File.Exists(updates))
            {
                File.Move(updates, Path.Combine(package, PackageFolders.AppliedSchemaUpdatesFile), overwrite: true);
            }

            // The destination, not the job folders, says which jobs an interrupted run committed.
            var committed = await first.ReadCommittedJobsAsync(loadId, cancellationToken).ConfigureAwait(false);
            ResumeJobs(package, committed);
            var groups = PlanGroups(package, schema);
            progress.StartStep($"Load {schema.Name} in {loadId}");
            var jobsDone = progress.Counter("Jobs", groups.Sum(g => g.Jobs.Count));
            var parallelism = Math.Min(JobsAtOnce, Math.Max(1, groups.Count));
            for (var i = 1; i < parallelism; i++)
            {
                clients.Add(await destination.ConnectAsync(datasetName, stagingDatasetName, cancellationToken).ConfigureAwait(false));
            }

            var outcome = RunGroups(clients, package, loadId, schema, groups, jobsDone, cancellationToken);
            progress.EndStep();
            // failed_jobs also holds failures of a run killed before it could abort the package.
            var failedJobs = FailedJobsOnDisk(package);
            if (failedJobs > 0 && settings.RaiseOnFailedJobs)
            {
                var failure = outcome.Failures.FirstOrDefault() ?? new LoadJobFailedException(
                    $"{failedJobs} job(s) of load package {loadId} had failed in an interrupted run (see failed_jobs/<job>.exception).");
                throw Abort(package, loadId, failure.InnerException ?? failure, failure.Message);
            }

            await MergeChainsAsync(first, package, loadId, schema, cancellationToken).ConfigureAwait(false);
            faultHook?.Invoke(FaultPoint.LoadJobsDone);
            await first.CompleteLoadAsync(schema, loadId, Now(), cancellationToken).ConfigureAwait(false);
            faultHook?.Invoke(FaultPoint.LoadCompleted);
            await TruncateStagingAsync(first, package, loadId, schema, cancellationToken).ConfigureAwait(false);
            File.WriteAllText(Path.Combine(package, PackageFolders.CompletedMarker), PackageFolders.LoadedState);
            var loaded = Path.Combine(directories.Loaded, loadId);
            DurableFiles.MoveDirectory(package, loaded);
            if (settings.DeleteCompletedJobs && outcome.Failures.Count == 0)
            {
                Directory.Delete(Path.Combine(loaded, PackageFolders.CompletedJobs), recursive: true);
            }

            return new LoadedPackage(loadId, LoadPackageState.Loaded, outcome.CompletedJobs, failedJobs, outcome.JobTimings);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Migrates the destination's tables for the package in one transaction. A transient failure (a
    /// concurrent writer of the same DuckDB file, a dropped connection) rolls the whole migration back,
    /// so it is retried like a load job, up to <c>load.raise_on_max_retries</c>; a refusal aborts the package.
    /// </summary>
    private async Task UpdateSchemaAsync(IJobClient client, string package, string loadId, Schema schema, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await client.UpdateSchemaAsync(schema, loadId, TablesToMigrate(package, schema), StagingTablesToMigrate(package, schema), PackageRefresh.Read(package, loadId), Now(), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (DestinationException ex) when (ex.IsTerminal)
            {
                throw Abort(package, loadId, ex, $"The destination refused the schema of load package {loadId}: {ex.Message}");
            }
            catch (DestinationException ex) when (settings.RaiseOnMaxRetries == 0 || attempt + 1 < settings.RaiseOnMaxRetries)
            {
                log.Warning($"Updating the schema of load package {loadId} failed transiently (attempt {attempt + 1}): {MessageText.Sentence(ex.Message)} Retrying.");
                await Task.Delay(RetryPause(attempt), timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static int FailedJobsOnDisk(string package) =>
        Directory.GetFiles(Path.Combine(package, PackageFolders.FailedJobs)).Count(file => !file.EndsWith(".exception", StringComparison.Ordinal));

    /// <summary>
    /// Sets a package that cannot load aside as dlt does: the jobs that did not complete go to
    /// <c>failed_jobs</c> with the error beside each, the package moves to <c>load/loaded</c> marked
    /// aborted (no <c>_dlt_loads</c> row), and later runs go on with new data.
    /// </summary>
    private LoadJobFailedException Abort(string package, string loadId, Exception cause, string reason)
    {
        foreach (var folder in new[] { PackageFolders.NewJobs, PackageFolders.StartedJobs })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(package, folder)))
            {
                var job = JobFileName.Parse(Path.GetFileName(file));
                var failed = Move(package, job, folder, PackageFolders.FailedJobs);
                File.WriteAllText(failed + ".exception", cause.Message);
            }
        }

        File.WriteAllText(Path.Combine(package, PackageFolders.CompletedMarker), PackageFolders.AbortedState);
        var aborted = Path.Combine(directories.Loaded, loadId);
        DurableFiles.MoveDirectory(package, aborted);
        return new LoadJobFailedException(
            $"{reason} Load package {loadId} was aborted and set aside in '{aborted}' (the error of each job is in failed_jobs/<job>.exception); later runs load new data without it. " +
            $"To retry it once the cause is fixed, call Pipeline.RetryAbortedPackage(\"{loadId}\"); to drop it, delete that folder.",
            cause);
    }

    /// <summary>
    /// Runs the job groups on one dedicated thread per client (destination calls may block). After
    /// a job fails for good, no new group starts when <c>raise_on_failed_jobs</c> is set; running ones finish.
    /// </summary>
    private GroupsOutcome RunGroups(List<IJobClient> clients, string package, string loadId, Schema schema, List<JobGroup> groups, ProgressCounter jobsDone, CancellationToken cancellationToken)
    {
        var queue = new ConcurrentQueue<JobGroup>(groups);
        var failures = new ConcurrentQueue<LoadJobFailedException>();
        var errors = new ConcurrentQueue<Exception>();
        var completed = 0;
        var timings = new ConcurrentDictionary<string, (DateTimeOffset Started, DateTimeOffset Finished)>(StringComparer.Ordinal);
        var threads = clients.Select((client, i) => new Thread(() =>
        {
            try
            {
                while ((failures.IsEmpty || !settings.RaiseOnFailedJobs) && errors.IsEmpty && !cancellationToken.IsCancellationRequested && queue.TryDequeue(out var group))
                {
                    var started = timeProvider.GetUtcNow();
                    try
                    {
                        RunGroupAsync(client, package, loadId, schema, group, cancellationToken).GetAwaiter().GetResult();
                        Interlocked.Add(ref completed, group.Jobs.Count);
                        jobsDone.Add(group.Jobs.Count);
                    }
                    catch (LoadJobFailedException ex)
                    {
                        progress.Counter("Jobs", label: "Failed", message: "WARNING: Some of the jobs failed!").Add(group.Jobs.Count);
                        failures.Enqueue(ex);
                    }
                    finally
                    {
                        var finished = timeProvider.GetUtcNow();
                        group.Jobs.ForEach(job => timings[job.JobId] = (started, finished));
                    }
                }
            }
            catch (Exception ex)
            {
                errors.Enqueue(ex);
            }
        })
        { IsBackground = true, Name = $"dlt-load-{i}" }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        if (errors.TryDequeue(out var error))
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }

        return new GroupsOutcome(completed, [.. failures], timings);
    }

    private sealed record GroupsOutcome(int CompletedJobs, IReadOnlyList<LoadJobFailedException> Failures, IReadOnlyDictionary<string, (DateTimeOffset Started, DateTimeOffset Finished)> JobTimings);

    /// <summary><c>load.workers</c>, capped by what the destination takes at once.</summary>
    private int JobsAtOnce => Math.Max(1, Math.Min(settings.Workers, destination.MaxParallelLoadJobs));

    private DateTime Now() => timeProvider.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Jobs of a table chain whose root replaces its data load together in one transaction that
    /// first empties every table of the chain. Every other job is a group of its own, or, where
    /// the destination loads a table's jobs together, they form groups by table (<see cref="TableGroups"/>).
    /// </summary>
    private List<JobGroup> PlanGroups(string package, Schema schema)
    {
        var groups = new List<JobGroup>();
        var replaceGroups = new Dictionary<string, JobGroup>(StringComparer.Ordinal);
        var tableJobs = new Dictionary<string, List<(JobFileName Name, long Bytes)>>(StringComparer.Ordinal);
        var tableNames = TableNames(schema);
        foreach (var file in Directory.GetFiles(Path.Combine(package, PackageFolders.NewJobs)).Order(StringComparer.Ordinal))
        {
            var name = JobFileName.Parse(Path.GetFileName(file), tableNames);
            var root = schema.TryGetTable(name.Table, out var table) ? schema.RootOf(table) : null;
            if (root?.WriteDisposition is WriteDisposition.Replace or WriteDisposition.Merge)
            {
                if (!replaceGroups.TryGetValue(root.Name, out var group))
                {
                    // A merge chain's staging tables are emptied in the transaction of its staged jobs.
                    group = new JobGroup([], ChainOf(schema, root), ToStaging: LoadsThroughStaging(root));
                    replaceGroups[root.Name] = group;
                    groups.Add(group);
                }

                group.Jobs.Add(name);
                continue;
            }

            if (!destination.LoadsTableJobsTogether)
            {
                groups.Add(new JobGroup([name], [], ToStaging: false));
                continue;
            }

            if (!tableJobs.TryGetValue(name.Table, out var jobsOfTable))
            {
                jobsOfTable = [];
                tableJobs[name.Table] = jobsOfTable;
            }

            jobsOfTable.Add((name, new FileInfo(file).Length));
        }

        groups.AddRange(TableGroups(tableJobs.Values));
        return groups;
    }

    /// <summary>
    /// The groups of tables whose jobs load together: a table's consecutive files in as many groups of
    /// about equal bytes as its share of all the bytes fills of the jobs that load at once (at least
    /// one, at most one per file), biggest group first, so that small tables load whole side by side
    /// and the load ends when the biggest does.
    /// </summary>
    private List<JobGroup> TableGroups(IEnumerable<List<(JobFileName Name, long Bytes)>> tables)
    {
        var sized = new List<(JobGroup Group, long Bytes)>();
        var allBytes = Math.Max(1, tables.Sum(jobs => jobs.Sum(job => job.Bytes)));
        foreach (var jobs in tables)
        {
            var share = (double)jobs.Sum(job => job.Bytes) / allBytes;
            var count = Math.Clamp((int)Math.Round(JobsAtOnce * share), 1, Math.Min(JobsAtOnce, jobs.Count));
            var start = 0;
            foreach (var end in ByteBalancedParts.Ends([.. jobs.Select(job => job.Bytes)], count))
            {
                var part = jobs[start..end];
                sized.Add((new JobGroup([.. part.Select(job => job.Name)], [], ToStaging: false), part.Sum(job => job.Bytes)));
                start = end;
            }
        }

        return [.. sized.OrderByDescending(group => group.Bytes).Select(group => group.Group)];
    }

    /// <summary>The tables the package's jobs load, and the tables of the chains they replace.</summary>
    private static HashSet<string> TablesToMigrate(string package, Schema schema)
    {
        var tables = new HashSet<string>(StringComparer.Ordinal);
        var tableNames = TableNames(schema);
        foreach (var folder in new[] { PackageFolders.NewJobs, PackageFolders.StartedJobs })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(package, folder)))
            {
                var name = JobFileName.Parse(Path.GetFileName(file), tableNames);
                tables.Add(name.Table);
                if (schema.TryGetTable(name.Table, out var table) && schema.RootOf(table) is { WriteDisposition: WriteDisposition.Replace or WriteDisposition.Merge } root)
                {
                    tables.UnionWith(ChainOf(schema, root));
                }
            }
        }

        return tables;
    }

    /// <summary>Merge chains, and replace chains under a staging replace strategy, load into the staging dataset first.</summary>
    private bool LoadsThroughStaging(TableSchema root) =>
        root.WriteDisposition == WriteDisposition.Merge || (root.WriteDisposition == WriteDisposition.Replace && ReplaceStrategies.LoadsThroughStaging(replaceStrategy));

    /// <summary>The tables of the chains the package loads through the staging dataset.</summary>
    private HashSet<string> StagingTablesToMigrate(string package, Schema schema) =>
        [.. StagedRoots(package, schema).SelectMany(root => ChainOf(schema, root))];

    /// <summary>The root tables of the chains that jobs of the package (in any state) load through the staging dataset.</summary>
    private List<TableSchema> StagedRoots(string package, Schema schema)
    {
        var roots = new Dictionary<string, TableSchema>(StringComparer.Ordinal);
        var tableNames = TableNames(schema);
        foreach (var folder in new[] { PackageFolders.NewJobs, PackageFolders.StartedJobs, PackageFolders.CompletedJobs })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(package, folder)))
            {
                var name = JobFileName.Parse(Path.GetFileName(file), tableNames);
                if (schema.TryGetTable(name.Table, out var table) && schema.RootOf(table) is { } root && LoadsThroughStaging(root))
                {
                    roots.TryAdd(root.Name, root);
                }
            }
        }

        return [.. roots.Values.OrderBy(r => r.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Runs the follow-up SQL of every merge chain once all of the package's jobs completed: each in
    /// one transaction with its ledger record, so it runs exactly once across crashes and retries. A
    /// chain whose SQL fails for good leaves the destination tables as they were; its staged jobs
    /// are forgotten and set aside as failed, so a retried package stages them again.
    /// </summary>
    private async Task MergeChainsAsync(IJobClient client, string package, string loadId, Schema schema, CancellationToken cancellationToken)
    {
        foreach (var root in StagedRoots(package, schema))
        {
            var chain = ChainOf(schema, root).Select(schema.GetTable).ToList();
            var replace = root.WriteDisposition == WriteDisposition.Replace;
            var jobId = replace ? SqlReplaceJob.JobId(root.Name) : SqlMergeJob.JobId(root.Name);
            if (!replace && root.MergeStrategy is null or MergeStrategy.DeleteInsert && SqlMergeJob.HasNoKeys(root))
            {
                log.Warning($"Table '{root.Name}' has write disposition merge but neither a primary key nor a merge key: the rows of load package {loadId} are appended.");
            }

            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    if (!replace && SqlMergeJob.Refusal(root) is { } refusal)
                    {
                        throw new DestinationException(refusal, isTerminal: true);
                    }

                    var statements = replace
                        ? SqlReplaceJob.Statements(chain, t => client.QualifiedTable(t, staging: false), t => client.QualifiedTable(t, staging: true), client.DatasetName, replaceStrategy == ReplaceStrategies.StagingOptimized)
                        : SqlMergeJob.Statements(chain, t => client.QualifiedTable(t, staging: false), t => client.QualifiedTable(t, staging: true), Guid.NewGuid().ToString("N")[..16], PackageCreatedAt(loadId));
                    await client.RunFollowupAsync(loadId, jobId, statements, Now(), cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (DestinationException ex) when (!ex.IsTerminal && (settings.RaiseOnMaxRetries == 0 || attempt + 1 < settings.RaiseOnMaxRetries))
                {
                    log.Warning($"{(replace ? "Replacing" : "Merging")} table '{root.Name}' failed transiently (attempt {attempt + 1}): {ex.Message} Retrying.");
                    await Task.Delay(RetryPause(attempt), timeProvider, cancellationToken).ConfigureAwait(false);
                }
                catch (DestinationException ex) when (!ex.IsTerminal)
                {
                    throw new LoadJobRetryException(
                        $"{(replace ? "Replacing" : "Merging")} table '{root.Name}' failed transiently {attempt + 1} times in a row (load.raise_on_max_retries): {ex.Message} Nothing of the merge was kept; load package {loadId} stays pending and the next run resumes it.",
                        ex);
                }
                catch (DestinationException ex)
                {
                    var message = $"{(replace ? "Replacing" : "Merging")} table '{root.Name}' from the staging dataset failed: {ex.Message} The destination tables were left as they were.";
                    var tableNames = TableNames(schema);
                    var staged = Directory.GetFiles(Path.Combine(package, PackageFolders.CompletedJobs))
                        .Select(file => JobFileName.Parse(Path.GetFileName(file), tableNames))
                        .Where(job => chain.Any(t => t.Name == job.Table))
                        .ToList();
                    await client.ForgetJobsAsync(loadId, [.. staged.Select(j => j.JobId)], cancellationToken).ConfigureAwait(false);
                    foreach (var job in staged)
                    {
                        var failed = Move(package, job, PackageFolders.CompletedJobs, PackageFolders.FailedJobs);
                        File.WriteAllText(failed + ".exception", message);
                    }

                    throw Abort(package, loadId, ex, message);
                }
            }

            faultHook?.Invoke(FaultPoint.LoadFollowupCommitted);
        }
    }

    /// <summary>
    /// dlt's <c>load.truncate_staging_dataset</c>: once the package is loaded, the staging tables of its
    /// chains are emptied. The data is already merged, so a failure only warns; the next package that
    /// stages into them empties them first anyway.
    /// </summary>
    private async Task TruncateStagingAsync(IJobClient client, string package, string loadId, Schema schema, CancellationToken cancellationToken)
    {
        if (!settings.TruncateStagingDataset)
        {
            return;
        }

        var tables = StagingTablesToMigrate(package, schema).Order(StringComparer.Ordinal).ToList();
        try
        {
            await client.TruncateStagingAsync(tables, cancellationToken).ConfigureAwait(false);
        }
        catch (DestinationException ex)
        {
            log.Warning($"Emptying the staging tables of load package {loadId} (load.truncate_staging_dataset) failed: {ex.Message} The loaded data is not affected.");
        }
    }

    /// <summary>dlt's package <c>created_at</c>, which the load id (Unix seconds with a fraction) records.</summary>
    private static DateTimeOffset PackageCreatedAt(string loadId) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(decimal.Parse(loadId, System.Globalization.CultureInfo.InvariantCulture) * 1_000_000m) * 10);

    private static List<string> ChainOf(Schema schema, TableSchema root)
    {
        var chain = new List<string>();
        var pending = new Queue<string>([root.Name]);
        while (pending.TryDequeue(out var current))
        {
            if (schema.GetTable(current).SeenData)
            {
                chain.Add(current);
            }

            foreach (var child in schema.Tables.Where(t => t.Parent == current))
            {
                pending.Enqueue(child.Name);
            }
        }

        return chain;
    }

    private async Task RunGroupAsync(IJobClient client, string package, string loadId, Schema schema, JobGroup group, CancellationToken cancellationToken)
    {
        var jobs = group.Jobs;
        for (var attempt = 0; ; attempt++)
        {
            var started = jobs.Select(job => Move(package, job, PackageFolders.NewJobs, PackageFolders.StartedJobs)).ToList();
            try
            {
                var alreadyCommitted = await client.LoadAsync(
                    schema,
                    loadId,
                    [.. jobs.Select((job, i) => new LoadJobFile(job.Table, job.JobId, started[i]))],
                    group.TruncateTables,
                    group.ToStaging,
                    Now(),
                    cancellationToken).ConfigureAwait(false);
                if (alreadyCommitted.Count > 0)
                {
                    log.Warning($"Job(s) {string.Join(", ", alreadyCommitted)} of load package {loadId} had committed in an earlier attempt whose outcome was lost; they were not loaded again.");
                }
            }
            catch (DestinationException ex) when (!ex.IsTerminal && (settings.RaiseOnMaxRetries == 0 || attempt + 1 < settings.RaiseOnMaxRetries))
            {
                log.Warning($"Loading table '{jobs[0].Table}' failed transiently (attempt {attempt + 1}): {MessageText.Sentence(ex.Message)} Retrying.");
                jobs = [.. jobs.Select(job => Retry(package, job))];
                await Task.Delay(RetryPause(attempt), timeProvider, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (DestinationException ex) when (!ex.IsTerminal)
            {
                // dlt's raise_on_max_retries: the package stays pending and the next run resumes it.
                foreach (var job in jobs)
                {
                    Retry(package, job);
                }

                throw new LoadJobRetryException(
                    $"Loading table '{jobs[0].Table}' failed transiently {attempt + 1} times in a row (load.raise_on_max_retries): {MessageText.Sentence(ex.Message)} Nothing of these jobs was kept; load package {loadId} stays pending and the next run resumes it.",
                    ex);
            }
            catch (DestinationException ex)
            {
                foreach (var job in jobs)
                {
                    var failed = Move(package, job, PackageFolders.StartedJobs, PackageFolders.FailedJobs);
                    File.WriteAllText(failed + ".exception", ex.Message);
                }

                faultHook?.Invoke(FaultPoint.LoadJobFailed);
                var files = string.Join(", ", jobs.Select(j => j.ToString()));
                throw new LoadJobFailedException(
                    $"Loading table '{jobs[0].Table}' from {files} failed: {MessageText.Sentence(ex.Message)} The rows of this job were rolled back.",
                    ex);
            }

            faultHook?.Invoke(FaultPoint.LoadJobCommitted);
            foreach (var job in jobs)
            {
                Move(package, job, PackageFolders.StartedJobs, PackageFolders.CompletedJobs);
            }

            return;
        }
    }

    /// <summary>0.1 s, doubling per attempt, at most 5 s.</summary>
    private static TimeSpan RetryPause(int attempt) => TimeSpan.FromMilliseconds(Math.Min(5000, 100 * (1 << Math.Min(attempt, 6))));

    /// <summary>
    /// Jobs of an interrupted load: those the destination recorded as committed move to
    /// <c>completed_jobs</c> (also ones sent back to <c>new_jobs</c> for a retry after a commit whose
    /// answer was lost); the other started jobs run again.
    /// </summary>
    private static void ResumeJobs(string package, CommittedJobs committed)
    {
        foreach (var folder in new[] { PackageFolders.StartedJobs, PackageFolders.NewJobs })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(package, folder)))
            {
                var job = JobFileName.Parse(Path.GetFileName(file));
                if (committed.Contains(job.JobId))
                {
                    Move(package, job, folder, PackageFolders.CompletedJobs);
                }
                else if (folder == PackageFolders.StartedJobs)
                {
                    Move(package, job, folder, PackageFolders.NewJobs);
                }
            }
        }
    }

    /// <summary>The schema's table names, which map shortened table parts of job file names back (<see cref="JobFileName.Parse"/>).</summary>
    private static JobFileTables TableNames(Schema schema) => new(schema.Tables.Select(t => t.Name));

    private static JobFileName Retry(string package, JobFileName job)
    {
        var next = job.NextRetry();
        File.Move(Path.Combine(package, PackageFolders.StartedJobs, job.ToString()), Path.Combine(package, PackageFolders.NewJobs, next.ToString()));
        return next;
    }

    private static string Move(string package, JobFileName job, string from, string to)
    {
        var target = Path.Combine(package, to, job.ToString());
        File.Move(Path.Combine(package, from, job.ToString()), target);
        return target;
    }

    private sealed record JobGroup(List<JobFileName> Jobs, List<string> TruncateTables, bool ToStaging);
}
