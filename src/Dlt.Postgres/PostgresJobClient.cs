using System.Globalization;
using System.Text;
using Dlt.Destinations;
using Dlt.Schemas;
using Npgsql;
using NpgsqlTypes;

namespace Dlt.Postgres;

/// <summary>
/// Loads into one PostgreSQL dataset (a PostgreSQL schema). Every call takes its own pooled
/// connection and runs in one transaction: the DDL with its <c>_dlt_version</c> row; a group of jobs
/// (replace deletions first, then each file through binary COPY); the <c>_dlt_loads</c> row. Calls may
/// run concurrently, each on its own connection.
/// </summary>
internal sealed class PostgresJobClient : IJobClient
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresCredentials _credentials;
    private readonly PostgresOptions _options;
    private readonly string _dataset;

    public PostgresJobClient(NpgsqlDataSource dataSource, PostgresCredentials credentials, PostgresOptions options, string dataset)
    {
        _dataSource = dataSource;
        _credentials = credentials;
        _options = options;
        _dataset = dataset;
    }

    private string Table(string name) => $"{SqlIdentifier.Quote(_dataset)}.{SqlIdentifier.Quote(name)}";

    public async Task UpdateSchemaAsync(Schema schema, DateTime now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await InTransactionAsync(connection, "creating the dataset and updating its tables", async transaction =>
        {
            // Checked first: CREATE SCHEMA IF NOT EXISTS needs the CREATE privilege even when the schema exists.
            var exists = await ScalarAsync(connection, transaction, "SELECT count(*) FROM pg_namespace WHERE nspname = $1", cancellationToken, _dataset).ConfigureAwait(false);
            if (Convert.ToInt64(exists, CultureInfo.InvariantCulture) == 0)
            {
                await ExecuteAsync(connection, transaction, $"CREATE SCHEMA {SqlIdentifier.Quote(_dataset)}", cancellationToken).ConfigureAwait(false);
            }

            var existing = await ExistingColumnsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            foreach (var statement in SqlSchemaMigration.Plan(schema, existing, Table, ColumnDefinition))
            {
                await ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
            }

            await RecordSchemaVersionAsync(connection, transaction, schema, now, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task LoadAsync(Schema schema, IReadOnlyList<LoadJobFile> jobs, IReadOnlyList<string> truncateTables, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var step = "starting the load transaction";
        await InTransactionAsync(connection, () => step, async transaction =>
        {
            foreach (var table in truncateTables)
            {
                step = $"emptying table '{table}' (replace)";
                await ExecuteAsync(connection, transaction, $"DELETE FROM {Table(table)}", cancellationToken).ConfigureAwait(false);
            }

            foreach (var job in jobs)
            {
                step = $"loading table '{job.Table}' from '{Path.GetFileName(job.Path)}'";
                await ParquetCopy.CopyAsync(connection, Table(job.Table), schema.GetTable(job.Table), job.Path, cancellationToken).ConfigureAwait(false);
            }

            step = $"committing {string.Join(", ", jobs.Select(j => Path.GetFileName(j.Path)))}";
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task CompleteLoadAsync(Schema schema, string loadId, DateTime now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await InTransactionAsync(connection, $"writing the {Schema.LoadsTable} row of load {loadId}", async transaction =>
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
        }, cancellationToken).ConfigureAwait(false);
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

    private async Task<Dictionary<string, HashSet<string>>> ExistingColumnsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = _dataset });
        return await SqlSchemaMigration.ReadExistingColumnsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>dlt's postgres column: quoted name, type, <c>UNIQUE</c> for unique hints when <c>create_indexes</c>, <c>NOT NULL</c>.</summary>
    private string ColumnDefinition(ColumnSchema column, bool isNew)
    {
        var definition = new StringBuilder($"{SqlIdentifier.Quote(column.Name)} {PostgresTypeMapper.ToDbType(column)}");
        if (_options.CreateIndexes && column.Unique)
        {
            definition.Append(" UNIQUE");
        }

        if (!column.Nullable && !isNew)
        {
            definition.Append(" NOT NULL");
        }

        return definition.ToString();
    }

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
