using System.Data.Common;
using Dlt.Configuration;
using Dlt.Destinations;
using Npgsql;

namespace Dlt.Postgres;

/// <summary>
/// The PostgreSQL destination: the dataset is a PostgreSQL schema, tables are created and evolved from
/// the dlt schema, and normalized files are loaded through binary COPY. Owns a connection pool; dispose
/// the destination to close it.
/// </summary>
public sealed class PostgresDestination : Destination, IAsyncDisposable, IDisposable
{
    private readonly Lazy<NpgsqlDataSource> _dataSource;
    private readonly bool _fromConfiguration;
    private readonly bool _explicitOptions;

    private PostgresDestination(PostgresCredentials credentials, PostgresOptions? options, bool fromConfiguration = false)
    {
        _fromConfiguration = fromConfiguration;
        _explicitOptions = options is not null;
        Credentials = credentials;
        Options = options ?? new PostgresOptions();
        _dataSource = new Lazy<NpgsqlDataSource>(
            () => new NpgsqlDataSourceBuilder(credentials.ToConnectionStringBuilder().ConnectionString).Build(),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary><paramref name="original"/> with the configured <paramref name="options"/>, sharing its connection pool (disposing either closes it).</summary>
    private PostgresDestination(PostgresDestination original, PostgresOptions options)
    {
        _explicitOptions = true;
        Credentials = original.Credentials;
        Options = options;
        _dataSource = original._dataSource;
    }

    /// <inheritdoc/>
    public override string DestinationType => "postgres";

    /// <summary>Where to connect; its <see cref="object.ToString"/> never shows the password.</summary>
    public PostgresCredentials Credentials { get; }

    /// <summary>The destination's settings.</summary>
    public PostgresOptions Options { get; }

    /// <summary><c>postgres://user@host:port/database</c>, without the password.</summary>
    public override string Location => Credentials.Location;

    /// <summary>PostgreSQL's NAMEDATALEN - 1: longer names are shortened by the naming convention, as in dlt.</summary>
    internal override int? MaxIdentifierLength => 63;

    /// <summary>
    /// Every running job holds one pooled connection, so at most the pool's size
    /// (<c>Maximum Pool Size</c>, Npgsql's default 100); the loader runs min(<c>load.workers</c>, this)
    /// jobs at once. The server's <c>max_connections</c> must leave room for them.
    /// </summary>
    internal override IReadOnlyList<string> ReplaceStrategies => Dlt.Destinations.ReplaceStrategies.All;

    internal override int MaxParallelLoadJobs => Credentials.ToConnectionStringBuilder().MaxPoolSize;

    /// <summary>Creates a destination from a URL (<c>postgresql://user:password@host:5432/database?connect_timeout=15</c>) or an Npgsql keyword string.</summary>
    public static PostgresDestination Create(string connectionStringOrUrl, PostgresOptions? options = null) =>
        new(PostgresCredentials.Parse(connectionStringOrUrl), options);

    /// <summary>Creates a destination from credentials, for example ones read from <c>destination.postgres.credentials</c>.</summary>
    public static PostgresDestination Create(PostgresCredentials credentials, PostgresOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return new PostgresDestination(credentials, options);
    }

    /// <summary>Creates a destination from the credential fields (dlt's <c>host</c>, <c>port</c>, <c>database</c>, <c>username</c>, <c>password</c>).</summary>
    public static PostgresDestination Create(string host, int port, string database, string username, string? password, PostgresOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        return Create(new PostgresCredentials { Host = host, Port = port, Database = database, Username = username, Password = password }, options);
    }

    /// <summary>
    /// Creates a destination whose credentials come from the configuration:
    /// <c>destination.postgres.credentials</c> as a connection string (in <c>secrets.toml</c> or
    /// <c>DESTINATION__POSTGRES__CREDENTIALS</c>), or as fields (<c>destination.postgres.credentials.host</c>,
    /// <c>port</c>, <c>database</c>, <c>username</c>, <c>password</c>).
    /// </summary>
    public static PostgresDestination Create(PostgresOptions? options = null) =>
        new(new PostgresCredentials { Host = "", Database = "", Username = "" }, options, fromConfiguration: true);

    /// <summary>
    /// Reads the credentials when they come from the configuration, and, unless options were given
    /// in code, <c>destination.postgres.create_indexes</c>.
    /// </summary>
    internal override Destination Configure(DestinationConfiguration configuration)
    {
        var options = _explicitOptions ? Options : Options with { CreateIndexes = configuration.Boolean("create_indexes", Options.CreateIndexes) };
        if (!_fromConfiguration)
        {
            return options == Options ? this : new PostgresDestination(this, options);
        }

        var found = configuration.Credentials();
        if (found?.Host is not { Length: > 0 } host || found.Database is not { Length: > 0 } database || found.Username is not { Length: > 0 } username)
        {
            configuration.Missing("credentials", "a connection string (postgresql://user:password@host:5432/database) or the fields host, database and username");
            return this;
        }

        var credentials = new PostgresCredentials
        {
            Host = host,
            Port = found.Port ?? PostgresCredentials.DefaultPort,
            Database = database,
            Username = username,
            Password = found.Password,
            Options = found.Options,
        };
        return new PostgresDestination(credentials, options);
    }

    /// <summary>Opens one connection to fail early, with host, port, database and user in the message, when the server cannot be reached.</summary>
    internal override async Task<IJobClient> ConnectAsync(string datasetName, string stagingDatasetName, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.Value.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw PostgresErrors.Connection(Credentials, ex);
        }

        return new PostgresJobClient(_dataSource.Value, Credentials, Options, datasetName, stagingDatasetName);
    }

    internal override async Task<DbConnection> OpenReadConnectionAsync(string datasetName, CancellationToken cancellationToken)
    {
        NpgsqlConnection connection;
        try
        {
            connection = await _dataSource.Value.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw PostgresErrors.Connection(Credentials, ex);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SET search_path TO {SqlIdentifier.Quote(datasetName)}";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes the connection pool.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_dataSource.IsValueCreated)
        {
            await _dataSource.Value.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Closes the connection pool.</summary>
    public void Dispose()
    {
        if (_dataSource.IsValueCreated)
        {
            _dataSource.Value.Dispose();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"postgres {Location}";
}
