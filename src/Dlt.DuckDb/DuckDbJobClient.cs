using System.Data.Common;
using Dlt.Destinations;
using Dlt.Schemas;
using DuckDB.NET.Data;

namespace Dlt.DuckDb;

/// <summary>
/// Loads into one DuckDB dataset (a DuckDB schema): DDL in one transaction, and each group of jobs
/// (a table's files) through DuckDB's Parquet reader, one <c>INSERT ... BY NAME SELECT * FROM
/// read_parquet([...])</c> per table, in one transaction.
/// </summary>
internal sealed class DuckDbJobClient : IJobClient
{
    private readonly DuckDBConnection _connection;
    private readonly string _dataset;
    private readonly string _stagingDataset;
    // One per database file of the process, never removed: a handful of files per process at most.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> s_catalogWriters = new(StringComparer.Ordinal);

    private readonly string _databasePath;
    private readonly DuckDbOptions _options;
    private string _catalog = "";

    // The buffer pool's size while it is the default, in MB: raised for a table too wide for it.
    private long _defaultMemoryLimitMb;

    private DuckDbJobClient(DuckDBConnection connection, string dataset, string stagingDataset, string databasePath, DuckDbOptions options)
    {
        _connection = connection;
        _dataset = dataset;
        _stagingDataset = stagingDataset;
        _databasePath = databasePath;
        _options = options;
        _defaultMemoryLimitMb = options.DefaultMemoryLimitMb;
    }

    public static async Task<DuckDbJobClient> OpenAsync(string databasePath, string dataset, string stagingDataset, DuckDbOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        var connection = new DuckDBConnection($"Data Source={databasePath}");
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex) when (ex.Message.Contains("lock", StringComparison.OrdinalIgnoreCase))
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new DestinationException(
                $"The DuckDB file '{databasePath}' is held by another process ({ex.Message.Trim()}). DuckDB allows one writing process per file: stop the other process or load into another file.",
                isTerminal: true,
                ex);
        }

        var client = new DuckDbJobClient(connection, dataset, stagingDataset, databasePath, options);
        using (var catalog = connection.CreateCommand())
        {
            catalog.CommandText = "SELECT current_database()";
            client._catalog = (string)(await catalog.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        // Each load job runs its statements on its own thread only (DuckDB's threads = 1): the jobs that
        // load at once (up to options.Threads) are the parallelism. DuckDB's own parallel insert of one
        // file list ran at the speed of one thread and spent the second core waiting for it (docs/performance.md).
        await client.ExecuteAsync($"SET threads = {LoadJobThreads}; SET memory_limit = {SqlIdentifier.Literal(options.MemoryLimit)}; SET TimeZone = 'UTC'; SET enable_external_file_cache = false; SET preserve_insertion_order = {(options.PreserveInsertionOrder ? "true" : "false")};", cancellationToken).ConfigureAwait(false);
        return client;
    }

    /// <summary>The DuckDB threads of a load job's statements: its own.</summary>
    private const int LoadJobThreads = 1;

    /// <summary>A table name qualified with the catalog too, so a database file named like the dataset stays unambiguous.</summary>
    private string Table(string name) => $"{SqlIdentifier.Quote(_catalog)}.{SqlIdentifier.Quote(_dataset)}.{SqlIdentifier.Quote(name)}";

    private string StagingTable(string name) => $"{SqlIdentifier.Quote(_catalog)}.{SqlIdentifier.Quote(_stagingDataset)}.{SqlIdentifier.Quote(name)}";

    public string DatasetName => $"{SqlIdentifier.Quote(_catalog)}.{SqlIdentifier.Quote(_dataset)}";

    public string QualifiedTable(string table, bool staging) => staging ? StagingTable(table) : Table(table);

    public async Task UpdateSchemaAsync(Schema schema, string loadId, IReadOnlySet<string> tables, IReadOnlySet<string> stagingTables, TableRefresh? refresh, DateTime now, CancellationToken cancellationToken)
    {
        // Pipelines of this process that load into one file share DuckDB's database instance, whose catalog
        // takes one writer at a time: concurrent DDL fails with "Catalog write-write conflict". So schema
        // updates on one file take turns, and each reads the columns that exist only once it has the turn.
        var turn = s_catalogWriters.GetOrAdd(Path.GetFullPath(_databasePath), static _ => new SemaphoreSlim(1, 1));
        await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await UpdateSchemaInTurnAsync(schema, tables, stagingTables, refresh, now, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task UpdateSchemaInTurnAsync(Schema schema, IReadOnlySet<string> tables, IReadOnlySet<string> stagingTables, TableRefresh? refresh, DateTime now, CancellationToken cancellationToken)
    {
        var existing = await ExistingColumnsAsync(_dataset, cancellationToken).ConfigureAwait(false);
        var statements = new List<SchemaStatement> { new("", $"CREATE SCHEMA IF NOT EXISTS {SqlIdentifier.Quote(_catalog)}.{SqlIdentifier.Quote(_dataset)}") };
        IReadOnlyList<string> dropped = [];
        if (refresh is { IsEmpty: false } && !await RefreshRanAsync(refresh.LoadId, existing, cancellationToken).ConfigureAwait(false))
        {
            var existingStaging = await ExistingColumnsAsync(_stagingDataset, cancellationToken).ConfigureAwait(false);
            var ledgerTable = Table(CompletedJobsLedger.TableName);
            statements.AddRange(SqlStoredState.Refresh(refresh, schema.Name, Table, existing, StagingTable, existingStaging));
            statements.Add(new(CompletedJobsLedger.TableName, CompletedJobsLedger.CreateTable(ledgerTable)));
            statements.Add(new(CompletedJobsLedger.TableName, CompletedJobsLedger.Record(ledgerTable, refresh.LoadId, [TableRefresh.JobId], now)));
            dropped = refresh.DropTables;
            foreach (var table in dropped)
            {
                existing.Remove(table);
            }
        }

        statements.AddRange(SqlSchemaMigration.Plan(schema, tables, existing, Table, ColumnDefinition));
        statements.Add(new(CompletedJobsLedger.TableName, CompletedJobsLedger.CreateTable(Table(CompletedJobsLedger.TableName))));
        if (stagingTables.Count > 0)
        {
            var staging = _stagingDataset;
            statements.Add(new("", $"CREATE SCHEMA IF NOT EXISTS {SqlIdentifier.Quote(_catalog)}.{SqlIdentifier.Quote(staging)}"));
            var existingStaging = await ExistingColumnsAsync(staging, cancellationToken).ConfigureAwait(false);
            foreach (var table in dropped)
            {
                existingStaging.Remove(table);
            }

            statements.AddRange(SqlSchemaMigration.Plan(schema, stagingTables, existingStaging, StagingTable, ColumnDefinition, includeSystemTables: false)
                .Select(s => s with { Table = $"{staging}.{s.Table}" }));
        }

        var current = "";
        try
        {
            await InTransactionAsync(async () =>
            {
                foreach (var statement in statements)
                {
                    current = statement.Table;
                    await ExecuteAsync(statement.Sql, cancellationToken).ConfigureAwait(false);
                }

                current = Schema.VersionTable;
                await RecordSchemaVersionAsync(schema, now, cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DestinationException ex) when (current.Length > 0)
        {
            throw new DestinationException($"Creating or altering table '{current}': {ex.Message}", ex.IsTerminal, ex.InnerException);
        }
    }

    private async Task RecordSchemaVersionAsync(Schema schema, DateTime now, CancellationToken cancellationToken)
    {
        using var check = _connection.CreateCommand();
        check.CommandText = $"SELECT count(*) FROM {Table(Schema.VersionTable)} WHERE version_hash = $hash";
        check.Parameters.Add(new DuckDBParameter("hash", schema.VersionHash));
        var count = Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        if (count > 0)
        {
            return;
        }

        using var insert = _connection.CreateCommand();
        insert.CommandText = $"INSERT INTO {Table(Schema.VersionTable)} (version, engine_version, inserted_at, schema_name, version_hash, schema) VALUES ($version, $engine, $at, $name, $hash, $schema)";
        insert.Parameters.Add(new DuckDBParameter("version", (long)schema.Version));
        insert.Parameters.Add(new DuckDBParameter("engine", (long)Schema.EngineVersion));
        insert.Parameters.Add(new DuckDBParameter("at", now));
        insert.Parameters.Add(new DuckDBParameter("name", schema.Name));
        insert.Parameters.Add(new DuckDBParameter("hash", schema.VersionHash));
        insert.Parameters.Add(new DuckDBParameter("schema", System.Text.Encoding.UTF8.GetString(SchemaJson.ToUtf8(schema, indented: false))));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether an earlier attempt at package <paramref name="loadId"/> ran its refresh: its ledger record, or the package's <c>_dlt_loads</c> row.</summary>
    private async Task<bool> RefreshRanAsync(string loadId, Dictionary<string, HashSet<string>> existing, CancellationToken cancellationToken)
    {
        if (existing.ContainsKey(Schema.LoadsTable)
            && Convert.ToInt64(await ScalarAsync(CompletedJobsLedger.CountLoads(Table(Schema.LoadsTable), loadId), cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0)
        {
            return true;
        }

        return existing.ContainsKey(CompletedJobsLedger.TableName)
            && (await ReadJobIdsAsync(CompletedJobsLedger.SelectJobs(Table(CompletedJobsLedger.TableName), loadId, [TableRefresh.JobId]), cancellationToken).ConfigureAwait(false)).Count > 0;
    }

    public async Task<IReadOnlySet<string>> ExistingSystemTablesAsync(CancellationToken cancellationToken) =>
        await ReadJobIdsAsync(SqlStoredState.ExistingSystemTables(_dataset, " AND table_catalog = current_database()"), cancellationToken).ConfigureAwait(false);

    public async Task<StoredState?> ReadStoredStateAsync(string pipelineName, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = SqlStoredState.NewestState(Table, pipelineName);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new StoredState(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4))
                : null;
        }
        catch (DbException ex)
        {
            throw Classify(ex);
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> ReadStoredSchemasAsync(IReadOnlyCollection<string> schemaNames, CancellationToken cancellationToken)
    {
        var schemas = new Dictionary<string, string>(StringComparer.Ordinal);
        if (schemaNames.Count == 0)
        {
            return schemas;
        }

        using var command = _connection.CreateCommand();
        command.CommandText = SqlStoredState.StoredSchemas(Table, schemaNames);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                schemas.TryAdd(reader.GetString(0), reader.GetString(1));
            }
        }
        catch (DbException ex)
        {
            throw Classify(ex);
        }

        return schemas;
    }

    public async Task<CommittedJobs> ReadCommittedJobsAsync(string loadId, CancellationToken cancellationToken)
    {
        var completed = Convert.ToInt64(await ScalarAsync(CompletedJobsLedger.CountLoads(Table(Schema.LoadsTable), loadId), cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
        return new CommittedJobs(completed, await ReadJobIdsAsync(CompletedJobsLedger.SelectJobs(Table(CompletedJobsLedger.TableName), loadId), cancellationToken).ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<string>> LoadAsync(Schema schema, string loadId, IReadOnlyList<LoadJobFile> jobs, IReadOnlyList<string> truncateTables, bool toStaging, DateTime now, CancellationToken cancellationToken)
    {
        Func<string, string> target = toStaging ? StagingTable : Table;
        var ledger = Table(CompletedJobsLedger.TableName);
        IReadOnlyList<string> alreadyCommitted = [];
        (string Table, string Files)? inserting = null;
        try
        {
            await WithRoomAsync(LoadInTransactionAsync, $"The job of table(s) {string.Join(", ", jobs.Select(j => $"'{j.Table}'").Distinct())}", cancellationToken).ConfigureAwait(false);
        }
        catch (DestinationException ex) when (ex.IsTerminal && inserting is { } failed && !IsOutOfMemory(ex))
        {
            // Rolled back: find the value the table's column types could not take, to name table, column and value.
            throw await ExplainRefusedValueAsync(schema.GetTable(failed.Table), failed.Files, ex, cancellationToken).ConfigureAwait(false) ?? ex;
        }

        return alreadyCommitted;

        Task LoadInTransactionAsync() => InTransactionAsync(async () =>
        {
            var committed = await ReadJobIdsAsync(CompletedJobsLedger.SelectJobs(ledger, loadId, jobs.Select(j => j.JobId)), cancellationToken).ConfigureAwait(false);
            alreadyCommitted = [.. jobs.Select(j => j.JobId).Where(committed.Contains)];
            var pending = jobs.Where(j => !committed.Contains(j.JobId)).ToList();
            if (pending.Count == 0)
            {
                return;
            }

            // A replace group commits its truncation with all of its jobs, so it never resumes half done.
            foreach (var table in truncateTables)
            {
                await ExecuteAsync($"DELETE FROM {target(table)}", cancellationToken).ConfigureAwait(false);
            }

            foreach (var table in pending.GroupBy(job => job.Table, StringComparer.Ordinal))
            {
                // A table's files differ in columns when it gained some between them: matched by name.
                var files = string.Join(", ", table.Select(job => SqlIdentifier.Literal(job.Path)));
                inserting = (table.Key, files);
                await ExecuteAsync(
                    $"INSERT INTO {target(table.Key)} BY NAME SELECT * FROM read_parquet([{files}], union_by_name = true)",
                    cancellationToken).ConfigureAwait(false);
            }

            inserting = null;
            await ExecuteAsync(CompletedJobsLedger.Record(ledger, loadId, pending.Select(j => j.JobId), now), cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>
    /// After a refused insert: the first value of the files that a column's type cannot take
    /// (<c>TRY_CAST</c> gives null), as an error naming table, column, type and value; null when none is found.
    /// </summary>
    private async Task<DestinationException?> ExplainRefusedValueAsync(TableSchema table, string files, DestinationException refused, CancellationToken cancellationToken)
    {
        foreach (var column in table.Columns.Where(c => c.IsComplete))
        {
            var type = DuckDbTypeMapper.ToDbType(column);
            var name = SqlIdentifier.Quote(column.Name);
            object? value;
            try
            {
                value = await ScalarAsync(
                    $"SELECT CAST({name} AS VARCHAR) FROM read_parquet([{files}], union_by_name = true) WHERE {name} IS NOT NULL AND TRY_CAST({name} AS {type}) IS NULL LIMIT 1",
                    cancellationToken).ConfigureAwait(false);
            }
            catch (DestinationException)
            {
                // The files do not hold the column (or cannot be read for it): look at the next one.
                continue;
            }

            if (value is string text)
            {
                return new DestinationException(
                    $"Table '{table.Name}', column '{column.Name}': the value {text} does not fit its DuckDB type {type}. Declare a larger type for the column or fix the value at its source. Nothing of the job was loaded. ({refused.Message})",
                    isTerminal: true,
                    refused);
            }
        }

        return null;
    }

    /// <summary>
    /// Runs a follow-up job's SQL (merge, replace from staging) with all of DuckDB's threads: unlike a
    /// table's files, one such statement is the whole job, and its joins and deletes run in parallel.
    /// </summary>
    public async Task<bool> RunFollowupAsync(string loadId, string jobId, IReadOnlyList<string> statements, DateTime now, CancellationToken cancellationToken)
    {
        await ExecuteAsync($"SET threads = {_options.Threads}", cancellationToken).ConfigureAwait(false);
        try
        {
            var ran = false;
            await WithRoomAsync(async () => ran = await RunFollowupInTransactionAsync(loadId, jobId, statements, now, cancellationToken).ConfigureAwait(false), $"The follow-up job {jobId}", cancellationToken).ConfigureAwait(false);
            return ran;
        }
        finally
        {
            await RestoreLoadJobThreadsAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Back to one thread per job; a connection broken by the failed job may refuse it, and its error is the one that counts.</summary>
    private async Task RestoreLoadJobThreadsAsync()
    {
        try
        {
            await ExecuteAsync($"SET threads = {LoadJobThreads}", CancellationToken.None).ConfigureAwait(false);
        }
        catch (DbException)
        {
            // The next client opened on the database sets it again.
        }
    }

    private async Task<bool> RunFollowupInTransactionAsync(string loadId, string jobId, IReadOnlyList<string> statements, DateTime now, CancellationToken cancellationToken)
    {
        var ledger = Table(CompletedJobsLedger.TableName);
        var ran = false;
        await InTransactionAsync(async () =>
        {
            var loaded = Convert.ToInt64(await ScalarAsync(CompletedJobsLedger.CountLoads(Table(Schema.LoadsTable), loadId), cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
            if (loaded || (await ReadJobIdsAsync(CompletedJobsLedger.SelectJobs(ledger, loadId, [jobId]), cancellationToken).ConfigureAwait(false)).Count > 0)
            {
                return;
            }

            foreach (var statement in statements)
            {
                await ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
            }

            await ExecuteAsync(CompletedJobsLedger.Record(ledger, loadId, [jobId], now), cancellationToken).ConfigureAwait(false);
            ran = true;
        }, cancellationToken).ConfigureAwait(false);
        return ran;
    }

    public Task TruncateStagingAsync(IReadOnlyList<string> tables, CancellationToken cancellationToken) =>
        tables.Count == 0
            ? Task.CompletedTask
            : InTransactionAsync(() => ExecuteAsync(string.Join("; ", tables.Select(t => $"DELETE FROM {StagingTable(t)}")), cancellationToken), cancellationToken);

    public Task ForgetJobsAsync(string loadId, IReadOnlyList<string> jobIds, CancellationToken cancellationToken) =>
        jobIds.Count == 0
            ? Task.CompletedTask
            : InTransactionAsync(() => ExecuteAsync(CompletedJobsLedger.Forget(Table(CompletedJobsLedger.TableName), loadId, jobIds), cancellationToken), cancellationToken);

    public async Task CompleteLoadAsync(Schema schema, string loadId, DateTime now, CancellationToken cancellationToken)
    {
        await InTransactionAsync(async () =>
        {
            var present = Convert.ToInt64(await ScalarAsync(CompletedJobsLedger.CountLoads(Table(Schema.LoadsTable), loadId), cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
            if (!present)
            {
                using var insert = _connection.CreateCommand();
                insert.CommandText = $"INSERT INTO {Table(Schema.LoadsTable)} (load_id, schema_name, status, inserted_at, schema_version_hash) VALUES ($id, $name, 0, $at, $hash)";
                insert.Parameters.Add(new DuckDBParameter("id", loadId));
                insert.Parameters.Add(new DuckDBParameter("name", schema.Name));
                insert.Parameters.Add(new DuckDBParameter("at", now));
                insert.Parameters.Add(new DuckDBParameter("hash", schema.VersionHash));
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await ExecuteAsync(CompletedJobsLedger.Forget(Table(CompletedJobsLedger.TableName), loadId), cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HashSet<string>> ReadJobIdsAsync(string sql, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetString(0));
            }
        }
        catch (DbException ex)
        {
            throw Classify(ex);
        }

        return ids;
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        try
        {
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw Classify(ex);
        }
    }

    private async Task<Dictionary<string, HashSet<string>>> ExistingColumnsAsync(string dataset, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $dataset AND table_catalog = current_database()";
        command.Parameters.Add(new DuckDBParameter("dataset", dataset));
        return await SqlSchemaMigration.ReadExistingColumnsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static string ColumnDefinition(ColumnSchema column, bool isNew) =>
        $"{SqlIdentifier.Quote(column.Name)} {DuckDbTypeMapper.ToDbType(column)}{(column.Nullable || isNew ? "" : " NOT NULL")}{(isNew ? "" : StoredUncompressed(column))}";

    /// <summary>
    /// The row id columns (<c>_dlt_id</c>, <c>_dlt_parent_id</c>, <c>_dlt_root_id</c>: random or hashed
    /// text, unique per row) are stored uncompressed in a new table. DuckDB's string compression (FSST,
    /// dictionary) gains little on them, and its analysis of every row group was a visible share
    /// of the load's CPU (measured: load stage -14% flat, -22% nested, database +0-15%; see
    /// docs/performance.md). Columns added to an existing table keep DuckDB's choice.
    /// </summary>
    private static string StoredUncompressed(ColumnSchema column) =>
        column.DataType == DataType.Text && (column.RowKey || column.ParentKey || column.RootKey) ? " USING COMPRESSION uncompressed" : "";

    private async Task InTransactionAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        await ExecuteAsync("BEGIN TRANSACTION", cancellationToken).ConfigureAwait(false);
        try
        {
            await work().ConfigureAwait(false);
            await ExecuteAsync("COMMIT", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await RollbackQuietlyAsync().ConfigureAwait(false);
            if (ex is DbException db)
            {
                // A cancelled token interrupts the running statement: that is the cancellation, not a destination error.
                cancellationToken.ThrowIfCancellationRequested();
                throw Classify(db);
            }

            throw;
        }
    }

    /// <summary>A failed COMMIT or an interrupted statement (a cancelled token) already ended the transaction; the original failure is what matters.</summary>
    private async Task RollbackQuietlyAsync()
    {
        try
        {
            await ExecuteAsync("ROLLBACK", CancellationToken.None).ConfigureAwait(false);
        }
        catch (DbException)
        {
            // Nothing to roll back: a failed COMMIT (a write-write conflict) or an interrupted statement ended it.
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> (one transaction) again with a larger buffer pool while DuckDB
    /// cannot hold what it builds (a row group of a wide table, a join's hash table) in a default
    /// limit; past a set limit or DuckDB's own default, fails naming <paramref name="what"/> and the key to raise.
    /// </summary>
    private async Task WithRoomAsync(Func<Task> work, string what, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await work().ConfigureAwait(false);
                return;
            }
            catch (DestinationException ex) when (IsOutOfMemory(ex))
            {
                if (!await RaiseDefaultMemoryLimitAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new DestinationException(
                        $"{ex.Message} {what} needs more memory than destination.duckdb.memory_limit ({_options.MemoryLimit}) gives DuckDB: raise it, or unset it to let the load raise it as needed.",
                        isTerminal: true,
                        ex.InnerException);
                }
            }
        }
    }

    private static bool IsOutOfMemory(DestinationException ex) => ex.Message.Contains("Out of Memory Error", StringComparison.Ordinal);

    /// <summary>
    /// Raises a default memory limit fourfold, up to DuckDB's own default (80% of the memory the
    /// process may use); false when the limit was set, or is at that ceiling already.
    /// </summary>
    private async Task<bool> RaiseDefaultMemoryLimitAsync(CancellationToken cancellationToken)
    {
        var ceilingMb = (long)(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes * 0.8 / 1_000_000);
        if (!_options.MemoryLimitIsDefault || _defaultMemoryLimitMb >= ceilingMb)
        {
            return false;
        }

        _defaultMemoryLimitMb = Math.Min(ceilingMb, _defaultMemoryLimitMb * 4);
        await ExecuteAsync($"SET memory_limit = '{_defaultMemoryLimitMb}MB'", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// DuckDB's transient errors: a file lock held by another process, a write-write conflict between
    /// transactions, an interrupted query, and I/O errors (a full disk may clear up). Everything else
    /// (conversion, constraint, catalog, binder, out of memory, ...) fails the same way when retried,
    /// so it is terminal.
    /// </summary>
    internal static bool IsTransient(string message) =>
        message.Contains("Could not set lock", StringComparison.Ordinal) ||
        message.Contains("TransactionContext Error", StringComparison.Ordinal) ||
        message.Contains("INTERRUPT Error", StringComparison.OrdinalIgnoreCase) ||
        message.Contains("IO Error", StringComparison.Ordinal);

    private DestinationException Classify(DbException ex) =>
        new($"DuckDB '{_databasePath}', dataset '{_dataset}': {ex.Message.Trim()}", !IsTransient(ex.Message), ex);

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
