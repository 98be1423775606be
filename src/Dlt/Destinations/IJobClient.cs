using Dlt.Schemas;

namespace Dlt.Destinations;

/// <summary>
/// A destination session that loads the packages of one dataset. Loading is exactly-once: a job's
/// rows commit together with its record in <see cref="CompletedJobsLedger"/>, and every call that
/// writes checks what is already committed first.
/// </summary>
internal interface IJobClient : IAsyncDisposable
{
    /// <summary>
    /// Creates the dataset and <paramref name="tables"/> (with dlt's own tables), adds the columns they
    /// lack, creates the completed-jobs ledger, and records the schema version; all in one transaction.
    /// </summary>
    /// <remarks>
    /// A destination may leave work on the tables it creates to <see cref="CompleteLoadAsync"/> of
    /// package <paramref name="loadId"/>, recorded in the ledger in the same transaction (PostgreSQL: the
    /// <c>_dlt_id</c> unique constraint).
    /// <paramref name="stagingTables"/> are created and migrated alike in the staging dataset (<see cref="StagingDataset"/>), in the same transaction.
    /// A <paramref name="refresh"/> drops and empties its tables first, in the same transaction, unless
    /// the ledger or the package's <c>_dlt_loads</c> row says an earlier attempt did.
    /// </remarks>
    Task UpdateSchemaAsync(Schema schema, string loadId, IReadOnlySet<string> tables, IReadOnlySet<string> stagingTables, TableRefresh? refresh, DateTime now, CancellationToken cancellationToken);

    /// <summary>Which of dlt's tables (<see cref="SqlStoredState.SystemTables"/>) the dataset holds; none when the dataset does not exist.</summary>
    Task<IReadOnlySet<string>> ExistingSystemTablesAsync(CancellationToken cancellationToken);

    /// <summary>The newest <c>_dlt_pipeline_state</c> row of <paramref name="pipelineName"/> in a completed load; null when there is none.</summary>
    Task<StoredState?> ReadStoredStateAsync(string pipelineName, CancellationToken cancellationToken);

    /// <summary>The newest stored version (the <c>schema</c> column of <c>_dlt_version</c>) of each of <paramref name="schemaNames"/> that the dataset has.</summary>
    Task<IReadOnlyDictionary<string, string>> ReadStoredSchemasAsync(IReadOnlyCollection<string> schemaNames, CancellationToken cancellationToken);

    /// <summary>What of package <paramref name="loadId"/> has already committed in the destination.</summary>
    Task<CommittedJobs> ReadCommittedJobsAsync(string loadId, CancellationToken cancellationToken);

    /// <summary>
    /// Loads the jobs not yet recorded as committed in one transaction, after deleting the rows of
    /// <paramref name="truncateTables"/> (replace, or the staging tables of a merge chain), and records
    /// them in the same transaction. With <paramref name="toStaging"/> both the truncated tables and
    /// the loaded ones are the staging dataset's. Returns the ids of the jobs that an earlier attempt
    /// had already committed, which were not loaded again.
    /// </summary>
    Task<IReadOnlyList<string>> LoadAsync(Schema schema, string loadId, IReadOnlyList<LoadJobFile> jobs, IReadOnlyList<string> truncateTables, bool toStaging, DateTime now, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="statements"/> (a table chain's follow-up SQL) and records
    /// <paramref name="jobId"/> in the ledger, in one transaction, unless the ledger (or the package's
    /// <c>_dlt_loads</c> row) says it committed already. Returns false when it had.
    /// </summary>
    Task<bool> RunFollowupAsync(string loadId, string jobId, IReadOnlyList<string> statements, DateTime now, CancellationToken cancellationToken);

    /// <summary>Empties <paramref name="tables"/> of the staging dataset (dlt's <c>load.truncate_staging_dataset</c>), in one transaction.</summary>
    Task TruncateStagingAsync(IReadOnlyList<string> tables, CancellationToken cancellationToken);

    /// <summary>Deletes the ledger records of <paramref name="jobIds"/>, so a retried package loads those jobs again.</summary>
    Task ForgetJobsAsync(string loadId, IReadOnlyList<string> jobIds, CancellationToken cancellationToken);

    /// <summary>The quoted name of the dataset (with its catalog where the destination has one).</summary>
    string DatasetName { get; }

    /// <summary>The quoted, qualified name of a table of the dataset, or of the staging dataset.</summary>
    string QualifiedTable(string table, bool staging);

    /// <summary>
    /// Writes the <c>_dlt_loads</c> row that marks the package as loaded, unless present, and forgets its
    /// job records; one transaction, with the work a schema update left to it.
    /// </summary>
    Task CompleteLoadAsync(Schema schema, string loadId, DateTime now, CancellationToken cancellationToken);
}

/// <summary>A normalized file to load into <paramref name="Table"/>; <paramref name="JobId"/> stays the same across retries.</summary>
internal sealed record LoadJobFile(string Table, string JobId, string Path);

/// <summary>A package's committed work: every job when its <c>_dlt_loads</c> row exists, else the recorded jobs.</summary>
internal sealed record CommittedJobs(bool PackageCompleted, IReadOnlySet<string> JobIds)
{
    public bool Contains(string jobId) => PackageCompleted || JobIds.Contains(jobId);
}
