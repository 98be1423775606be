using System.Globalization;
using System.Text;
using Dlt.Destinations;
using Dlt.Schemas;
using Npgsql;
using NpgsqlTypes;

namespace Dlt.Postgres;

/// <summary>
/// Loads into one PostgreSQL dataset (a PostgreSQL schema). Every call takes its own pooled
/// connection and runs in one transaction: the DDL with its <c>_dlt_version</c> row (under a transaction-level advisory lock on the dataset, so concurrent pipelines migrate it one at a time); a group of jobs
/// (replace deletions first, then each file through binary COPY); the <c>_dlt_loads</c> row. Calls may
/// run concurrently, each on its own connection.
/// </summary>
internal sealed class PostgresJobClient : IJobClient
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresCredentials _credentials;
    private readonly PostgresOptions _options;
    private readonly string _dataset;
    private readonly string _stagingDataset;

    public PostgresJobClient(NpgsqlDataSource dataSource, PostgresCredentials credentials, PostgresOptions options, string dataset, string stagingDataset)
    {
        _stagingDataset = stagingDataset;
        _dataSource = dataSource;
        _credentials = credentials;
        _options = options;
        _dataset = dataset;
    }

    private string Table(string name) => $"{SqlIdentifier.Quote(_dataset)}.{SqlIdentifier.Quote(name)}";

    private string StagingTable(string name) => $"{SqlIdentifier.Quote(_stagingDataset)}.{SqlIdentifier.Quote(name)}";

    public string DatasetName => SqlIdentifier.Quote(_dataset);

    public string QualifiedTable(string table, bool staging) => staging ? StagingTable(table) : Table(table);

    public async Task UpdateSchemaAsync(Schema schema, string loadId, IReadOnlySet<string> tables, IReadOnlySet<string> stagingTables, TableRefresh? refresh, DateTime now, CancellationToken cancellationToken)
    {
        PostgresIdentifierLimit.Check(schema, tables.Union(stagingTables).Append(Schema.VersionTable).Append(Schema.LoadsTable), _dataset);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var step = $"waiting for the migration lock of dataset '{_dataset}'";
        await InTransactionAsync(connection, () => step, async transaction =>
        {
            // Pipelines loading into one dataset at once (the partitions of a pipeline) migrate it one
            // at a time: each reads the columns the others committed before planning its own DDL.
            await ScalarAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", cancellationToken, MigrationLockKey).ConfigureAwait(false);
            step = "creating the dataset";
            // Checked first: CREATE SCHEMA IF NOT EXISTS needs the CREATE privilege even when the schema exists.
            await CreateSchemaIfMissingAsync(connection, transaction, _dataset, cancellationToken).ConfigureAwait(false);
            var existing = await ExistingColumnsAsync(connection, transaction, _dataset, cancellationToken).ConfigureAwait(false);
            var staging = _stagingDataset;
            IReadOnlyList<string> dropped = [];
            if (refresh is { IsEmpty: false } && !await RefreshRanAsync(connection, transaction, refresh.LoadId, existing, cancellationToken).ConfigureAwait(false))
            {
                var existingStaging = await ExistingColumnsAsync(connection, transaction, staging, cancellationToken).ConfigureAwait(false);
                foreach (var statement in SqlStoredState.Refresh(refresh, schema.Name, Table, existing, StagingTable, existingStaging))
                {
                    step = statement.Sql.StartsWith("DROP", StringComparison.Ordinal) ? $"dropping table '{statement.Table}' (refresh)" : $"emptying table '{statement.Table}' (refresh)";
                    await ExecuteAsync(connection, transaction, statement.Sql, cancellationToken).ConfigureAwait(false);
                }

                step = $"recording the refresh of load {refresh.LoadId}";
                var ledger = Table(CompletedJobsLedger.TableName);
                await ExecuteAsync(connection, transaction, CompletedJobsLedger.CreateTable(ledger), cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction, CompletedJobsLedger.Record(ledger, refresh.LoadId, [TableRefresh.JobId], now), cancellationToken).ConfigureAwait(false);
                dropped = refresh.DropTables;
                foreach (var table in dropped)
                {
                    existing.Remove(table);
                }
            }

            var deferredConstraints = new List<string>();
            foreach (var statement in SqlSchemaMigration.Plan(schema, tables, existing, Table, DatasetColumnDefinition))
            {
                step = $"creating or altering table '{statement.Table}'";
                await ExecuteAsync(connection, transaction, statement.Sql, cancellationToken).ConfigureAwait(false);
                if (statement.CreatesTable && _options.CreateIndexes && schema.GetTable(statement.Table).Columns.Any(c => c.IsComplete && RowIdConstraints.IsDeferred(c)))
                {
                    deferredConstraints.Add(RowIdConstraints.JobId(statement.Table));
                }
            }

            if (stagingTables.Count > 0)
            {
                step = $"creating the staging dataset '{staging}'";
                await CreateSchemaIfMissingAsync(connection, transaction, staging, cancellationToken).ConfigureAwait(false);
                var existingStaging = await ExistingColumnsAsync(connection, transaction, staging, cancellationToken).ConfigureAwait(false);
                foreach (var statement in SqlSchemaMigration.Plan(schema, stagingTables, existingStaging, StagingTable, ColumnDefinition, includeSystemTables: false))
                {
                    step = $"creating or altering staging table '{staging}.{statement.Table}'";
                    await ExecuteAsync(connection, transaction, statement.Sql, cancellationToken).ConfigureAwait(false);
                }
            }

            step = $"creating table '{CompletedJobsLedger.TableName}'";
            await ExecuteAsync(connection, transaction, CompletedJobsLedger.CreateTable(Table(CompletedJobsLedger.TableName)), cancellationToken).ConfigureAwait(false);
            if (deferredConstraints.Count > 0)
            {
                step = $"recording the unique constraints to add when load {loadId} completes";
                await ExecuteAsync(connection, transaction, CompletedJobsLedger.Record(Table(CompletedJobsLedger.TableName), loadId, deferredConstraints, now), cancellationToken).ConfigureAwait(false);
            }

            step = $"recording the schema version in '{Schema.VersionTable}'";

            await RecordSchemaVersionAsync(connection, transaction, schema, now, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The key of the transaction-level advisory lock that serializes migrations of the dataset (released at commit or rollback).</summary>
    private string MigrationLockKey => "dlt.migration:" + _dataset;

    /// <summary>Whether an earlier attempt at package <paramref name="loadId"/> ran its refresh: its ledger record, or the package's <c>_dlt_loads</c> row.</summary>
    private async Task<bool> RefreshRanAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string loadId, Dictionary<string, HashSet<string>> existing, CancellationToken cancellationToken)
    {
        if (existing.ContainsKey(Schema.LoadsTable)
            && Convert.ToInt64(await ScalarAsync(connection, transaction, CompletedJobsLedger.CountLoads(Table(Schema.LoadsTable), loadId), cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0)
        {
            return true;
        }

        return existing.ContainsKey(CompletedJobsLedger.TableName)
            && (await ReadJobIdsAsync(connection, transaction, CompletedJobsLedger.SelectJobs(Table(CompletedJobsLedger.TableName), loadId, [TableRefresh.JobId]), cancellationToken).ConfigureAwait(false)).Count > 0;
    }

    public async Task<IReadOnlySet<string>> ExistingSystemTablesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlySet<string> tables = new HashSet<string>();
        await InTransactionAsync(connection, "listing dlt's tables", async transaction =>
            tables = await ReadJobIdsAsync(connection, transaction, SqlStoredState.ExistingSystemTables(_dataset), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return tables;
    }

    public async Task<StoredState?> ReadStoredStateAsync(string pipelineName, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        StoredState? state = null;
        await InTransactionAsync(connection, $"reading the state of pipeline '{pipelineName}'", async transaction =>
        {
            await using var command = new NpgsqlCommand(SqlStoredState.NewestState(Table, pipelineName), connection, transaction);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                state = new StoredState(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
            }
        }, cancellationToken).ConfigureAwait(false);
        return state;
    }

    public async Task<IReadOnlyDictionary<string, string>> ReadStoredSchemasAsync(IReadOnlyCollection<string> schemaNames, CancellationToken cancellationToken)
    {
        var schemas = new Dictionary<string, string>(StringComparer.Ordinal);
        if (schemaNames.Count == 0)
        {
            return schemas;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await InTransactionAsync(connection, $"reading the stored schemas {string.Join(", ", schemaNames)}", async transaction =>
        {
            await using var command = new NpgsqlCommand(SqlStoredState.StoredSchemas(Table, schemaNames), connection, transaction);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                schemas.TryAdd(reader.GetString(0), reader.GetString(1));
            }
        }, cancellationToken).ConfigureAwait(false);
        return schemas;
    }

    public async Task<CommittedJobs> ReadCommittedJobsAsync(string loadId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        CommittedJobs? committed = null;
        await InTransactionAsync(connection, $"reading the committed jobs of load {loadId}", async transaction =>
        {
            var completed = Convert.ToInt64(await ScalarAsync(connection, transaction, CompletedJobsLedger.CountLoads(Table(Schema.LoadsTable), loadId), cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
            committed = new CommittedJobs(completed, await ReadJobIdsAsync(connection, transaction, CompletedJobsLedger.SelectJobs(Table(CompletedJobsLedger.TableName), loadId), cancellationToken).ConfigureAwait(false));
        }, cancellationToken).ConfigureAwait(false);
        return committed!;
    }

    /// <summary>Checked first: CREATE SCHEMA IF NOT EXISTS needs the CREATE privilege even when the schema exists.</summary>
    private static async Task CreateSchemaIfMissingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schemaName, CancellationToken cancellationToken)
    {
        var exists = await ScalarAsync(connection, transaction, "SELECT count(*) FROM pg_namespace WHERE nspname = $1", cancellationToken, schemaName).ConfigureAwait(false);
        if (Convert.ToInt64(exists, CultureInfo.InvariantCulture) == 0)
        {
            await ExecuteAsync(connection, transaction, $"CREATE SCHEMA {SqlIdentifier.Quote(schemaName)}", cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<string>> LoadAsync(Schema schema, string loadId, IReadOnlyList<LoadJobFile> jobs, IReadOnlyList<string> truncateTables, bool toStaging, DateTime now, CancellationToken cancellationToken)
    {
        Func<string, string> target = toStaging ? StagingTable : Table;
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var ledger = Table(CompletedJobsLedger.TableName);
        var step = "starting the load transaction";
        IReadOnlyList<string> alreadyCommitted = [];
        await InTransactionAsync(connection, () => step, async transaction =>
        {
            step = $"reading the committed jobs of load {loadId}";
            var committed = await ReadJobIdsAsync(connection, transaction, CompletedJobsLedger.SelectJobs(ledger, loadId, jobs.Select(j => j.JobId)), cancellationToken).ConfigureAwait(false);
            alreadyCommitted = [.. jobs.Select(j => j.JobId).Where(committed.Contains)];
            var pending = jobs.Where(j => !committed.Contains(j.JobId)).ToList();
            if (pending.Count == 0)
            {
                return;
            }

            // A replace group commits its truncation with all of its jobs, so it never resumes half done.
            foreach (var table in truncateTables)
            {
                step = toStaging ? $"emptying staging table '{table}'" : $"emptying table '{table}' (replace)";
                await ExecuteAsync(connection, transaction, $"DELETE FROM {target(table)}", cancellationToken).ConfigureAwait(false);
            }

            foreach (var job in pending)
            {
                step = $"loading table '{job.Table}' from '{Path.GetFileName(job.Path)}'";
                await ParquetCopy.CopyAsync(connection, target(job.Table), schema.GetTable(job.Table), job.Path, cancellationToken).ConfigureAwait(false);
            }

            // The primary key refuses a second record of a job, so even a concurrent duplicate attempt rolls back.
            step = $"recording {string.Join(", ", pending.Select(j => j.JobId))} as committed";
            await ExecuteAsync(connection, transaction, CompletedJobsLedger.Record(ledger, loadId, pending.Select(j => j.JobId), now), cancellationToken).ConfigureAwait(false);
            step = $"committing {string.Join(", ", pending.Select(j => Path.GetFileName(j.Path)))}";
        }, cancellationToken).ConfigureAwait(false);
        return alreadyCommitted;
    }

    public async Task<bool> RunFollowupAsync(string loadId, string jobId, IReadOnlyList<string> statements, DateTime now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var ledger = Table(CompletedJobsLedger.TableName);
        var step = $"running follow-up job {jobId}";
        var ran = false;
        await InTransactionAsync(connection, () => step, async transaction =>
        {
            var loaded = Convert.ToInt64(await ScalarAsync(connection, transaction, CompletedJobsLedger.CountLoads(Table(Schema.LoadsTable), loadId), cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
            if (loaded || (await ReadJobIdsAsync(connection, transaction, CompletedJobsLedger.SelectJobs(ledger, loadId, [jobId]), cancellationToken).ConfigureAwait(false)).Count > 0)
            {
                return;
            }

            foreach (var statement in statements)
            {
                step = $"running follow-up job {jobId}: {statement}";
                await using var command = new NpgsqlCommand(statement, connection, transaction) { CommandTimeout = _options.FollowupCommandTimeoutSeconds };
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            step = $"recording {jobId} as committed";
            await ExecuteAsync(connection, transaction, CompletedJobsLedger.Record(ledger, loadId, [jobId], now), cancellationToken).ConfigureAwait(false);
            ran = true;
        }, cancellationToken).ConfigureAwait(false);
        return ran;
    }

    public async Task TruncateStagingAsync(IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        if (tables.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await InTransactionAsync(connection, "truncating the staging dataset", transaction =>
            ExecuteAsync(connection, transaction, $"TRUNCATE TABLE {string.Join(", ", tables.Select(StagingTable))}", cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public async Task ForgetJobsAsync(string loadId, IReadOnlyList<string> jobIds, CancellationToken cancellationToken)
    {
        if (jobIds.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await InTransactionAsync(connection, $"forgetting the staged jobs of load {loadId}", transaction =>
            ExecuteAsync(connection, transaction, CompletedJobsLedger.Forget(Table(CompletedJobsLedger.TableName), loadId, jobIds), cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public async Task CompleteLoadAsync(Schema schema, string loadId, DateTime now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var step = $"writing the {Schema.LoadsTable} row of load {loadId}";
        await InTransactionAsync(connection, () => step, async transaction =>
        {
            await AddDeferredConstraintsAsync(connection, transaction, table => step =
                $"adding the UNIQUE constraint of column '{Schema.IdColumn}' to table '{table}' (left out of its CREATE TABLE until its rows were loaded; " +
                $"if rows share a {Schema.IdColumn}, delete the extra copies and run the pipeline again to complete load {loadId})", cancellationToken).ConfigureAwait(false);
            step = $"writing the {Schema.LoadsTable} row of load {loadId}";
            var present = Convert.ToInt64(await ScalarAsync(connection, transaction, CompletedJobsLedger.CountLoads(Table(Schema.LoadsTable), loadId), cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0;
            if (!present)
            {
                await using var insert = new NpgsqlCommand(
                    $"INSERT INTO {Table(Schema.LoadsTable)} (load_id, schema_name, status, inserted_at, schema_version_hash) VALUES ($1, $2, 0, $3, $4)",
                    connection,
                    transaction);
                insert.Parameters.Add(new NpgsqlParameter { Value = loadId });
                insert.Parameters.Add(new NpgsqlParameter { Value = schema.Name });
                insert.Parameters.Add(new NpgsqlParameter { Value = DateTime.SpecifyKind(now, DateTimeKind.Utc), NpgsqlDbType = NpgsqlDbType.TimestampTz });
                insert.Parameters.Add(new NpgsqlParameter { Value = schema.VersionHash });
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await ExecuteAsync(connection, transaction, CompletedJobsLedger.Forget(Table(CompletedJobsLedger.TableName), loadId), cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds the deferred <c>_dlt_id</c> constraints (<see cref="RowIdConstraints"/>) of every package
    /// that the tables lack, under the dataset's migration lock so that two completions add each once,
    /// and forgets their records.
    /// </summary>
    private async Task AddDeferredConstraintsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Action<string> adding, CancellationToken cancellationToken)
    {
        var ledger = Table(CompletedJobsLedger.TableName);
        if ((await ReadJobIdsAsync(connection, transaction, RowIdConstraints.SelectDeferred(ledger), cancellationToken).ConfigureAwait(false)).Count == 0)
        {
            return;
        }

        await ScalarAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", cancellationToken, MigrationLockKey).ConfigureAwait(false);
        var jobIds = await ReadJobIdsAsync(connection, transaction, RowIdConstraints.SelectDeferred(ledger), cancellationToken).ConfigureAwait(false);
        foreach (var table in jobIds.Select(RowIdConstraints.TableOf).OfType<string>().Order(StringComparer.Ordinal))
        {
            // No row: the table was dropped since (a refresh); true: it has the constraint (a staging-optimized replace moved one in).
            if (await ScalarAsync(connection, transaction, RowIdConstraints.HasUniqueIndex, cancellationToken, Table(table)).ConfigureAwait(false) is false)
            {
                adding(table);
                await ExecuteAsync(connection, transaction, RowIdConstraints.Add(Table(table)), cancellationToken).ConfigureAwait(false);
            }
        }

        await ExecuteAsync(connection, transaction, RowIdConstraints.ForgetDeferred(ledger), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<HashSet<string>> ReadJobIdsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw PostgresErrors.Connection(_credentials, ex);
        }
    }

    private Task InTransactionAsync(NpgsqlConnection connection, string what, Func<NpgsqlTransaction, Task> work, CancellationToken cancellationToken) =>
        InTransactionAsync(connection, () => what, work, cancellationToken);

    /// <summary>Runs <paramref name="work"/> and commits; any failure rolls back and becomes a <see cref="DestinationException"/> naming <paramref name="what"/>.</summary>
    private async Task InTransactionAsync(NpgsqlConnection connection, Func<string> what, Func<NpgsqlTransaction, Task> work, CancellationToken cancellationToken)
    {
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await work(transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RollbackQuietlyAsync(transaction).ConfigureAwait(false);
            throw PostgresErrors.Operation(_credentials, _dataset, what(), ex);
        }
        catch (OperationCanceledException)
        {
            await RollbackQuietlyAsync(transaction).ConfigureAwait(false);
            throw;
        }
        finally
        {
            await DisposeQuietlyAsync(transaction).ConfigureAwait(false);
        }
    }

    /// <summary>A broken connection cannot roll back; the server drops its transaction anyway.</summary>
    private static async Task RollbackQuietlyAsync(NpgsqlTransaction? transaction)
    {
        try
        {
            // Connection is null once the transaction ended; it throws once the connection broke.
            if (transaction?.Connection is not null)
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException)
        {
            // The original failure is what matters; the server has already ended the transaction.
        }
    }

    /// <summary>Disposing a transaction of a broken connection throws; it must not hide the failure that broke it.</summary>
    private static async Task DisposeQuietlyAsync(NpgsqlTransaction? transaction)
    {
        if (transaction is null)
        {
            return;
        }

        try
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException)
        {
            // Nothing to release: the connection is gone and the pool discards it.
        }
    }

    private async Task RecordSchemaVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Schema schema, DateTime now, CancellationToken cancellationToken)
    {
        var count = await ScalarAsync(connection, transaction, $"SELECT count(*) FROM {Table(Schema.VersionTable)} WHERE version_hash = $1", cancellationToken, schema.VersionHash).ConfigureAwait(false);
        if (Convert.ToInt64(count, CultureInfo.InvariantCulture) > 0)
        {
            return;
        }

        await using var insert = new NpgsqlCommand(
            $"INSERT INTO {Table(Schema.VersionTable)} (version, engine_version, inserted_at, schema_name, version_hash, schema) VALUES ($1, $2, $3, $4, $5, $6)",
            connection,
            transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = (long)schema.Version });
        insert.Parameters.Add(new NpgsqlParameter { Value = (long)Schema.EngineVersion });
        insert.Parameters.Add(new NpgsqlParameter { Value = DateTime.SpecifyKind(now, DateTimeKind.Utc), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        insert.Parameters.Add(new NpgsqlParameter { Value = schema.Name });
        insert.Parameters.Add(new NpgsqlParameter { Value = schema.VersionHash });
        insert.Parameters.Add(new NpgsqlParameter { Value = Encoding.UTF8.GetString(SchemaJson.ToUtf8(schema, indented: false)) });
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Dictionary<string, HashSet<string>>> ExistingColumnsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string dataset, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = dataset });
        return await SqlSchemaMigration.ReadExistingColumnsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A column of a dataset table: a created table's <c>_dlt_id</c> gets its constraint when the package completes (<see cref="RowIdConstraints"/>).</summary>
    private string DatasetColumnDefinition(ColumnSchema column, bool isNew) => ColumnDefinition(column, isNew, deferRowIdConstraint: !isNew);

    private string ColumnDefinition(ColumnSchema column, bool isNew) => ColumnDefinition(column, isNew, deferRowIdConstraint: false);

    /// <summary>dlt's postgres column: quoted name, type, <c>UNIQUE</c> for unique hints when <c>create_indexes</c>, <c>NOT NULL</c>; row ids compared byte by byte.</summary>
    private string ColumnDefinition(ColumnSchema column, bool isNew, bool deferRowIdConstraint)
    {
        var definition = new StringBuilder($"{SqlIdentifier.Quote(column.Name)} {PostgresTypeMapper.ToDbType(column)}");
        if (IsRowId(column))
        {
            definition.Append(" COLLATE \"C\"");
        }

        if (_options.CreateIndexes && column.Unique && !(deferRowIdConstraint && RowIdConstraints.IsDeferred(column)))
        {
            definition.Append(" UNIQUE");
        }

        if (!column.Nullable && !isNew)
        {
            definition.Append(" NOT NULL");
        }

        return definition.ToString();
    }

    /// <summary>
    /// The row id columns (<c>_dlt_id</c>, <c>_dlt_parent_id</c>, <c>_dlt_root_id</c>: random or hashed
    /// text) use the "C" collation: their values, equality and uniqueness are the same under any
    /// deterministic collation, and building the unique index of <c>_dlt_id</c> sorts its rows by
    /// comparing bytes instead of through the locale (<c>strcoll</c>), two to three times faster
    /// (docs/performance.md, docs/divergences.md).
    /// </summary>
    private static bool IsRowId(ColumnSchema column) =>
        column.DataType == DataType.Text && (column.RowKey || column.ParentKey || column.RootKey);

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}
