using System.Data.Common;
using System.Text.RegularExpressions;
using Dlt.Configuration;
using Dlt.Destinations;
using DuckDB.NET.Data;

namespace Dlt.DuckDb;

/// <summary>
/// The embedded DuckDB destination: one database file, the dataset is a DuckDB schema. What is not
/// given in code comes from the configuration when a pipeline is created:
/// <c>destination.duckdb.credentials</c> (the file), <c>destination.duckdb.threads</c> and
/// <c>destination.duckdb.memory_limit</c>.
/// </summary>
public sealed partial class DuckDbDestination : Destination
{
    private readonly string? _databasePath;
    private readonly bool _explicitOptions;

    private DuckDbDestination(string? databasePath, DuckDbOptions options, bool explicitOptions)
    {
        _databasePath = databasePath;
        Options = options;
        _explicitOptions = explicitOptions;
    }

    /// <inheritdoc/>
    public override string DestinationType => "duckdb";

    /// <summary>The full path of the database file.</summary>
    /// <exception cref="InvalidOperationException">The destination was created without a path and is not bound to a pipeline yet: read the path from <see cref="Pipeline.Destination"/>.</exception>
    public string DatabasePath => _databasePath ?? throw new InvalidOperationException(
        "This DuckDB destination takes its file from the configuration (destination.duckdb.credentials, else <pipeline_name>.duckdb) when a pipeline is created: read DatabasePath from pipeline.Destination.");

    /// <summary>The DuckDB engine settings.</summary>
    public DuckDbOptions Options { get; }

    /// <inheritdoc/>
    public override string Location => _databasePath ?? "duckdb (file from the configuration)";

    internal override int? MaxIdentifierLength => null;

    /// <summary>One load job per core: each runs its statements on its own DuckDB thread.</summary>
    internal override int MaxParallelLoadJobs => Options.Threads;

    /// <summary>
    /// A table's files are read by one or a few <c>INSERT ... read_parquet([...])</c> (as many as its
    /// share of the package's bytes fills of the jobs that run at once), each in its own transaction:
    /// DuckDB writes full row groups once, where a commit per file paid a checkpoint of partly filled
    /// row groups (docs/divergences.md has the measurement).
    /// </summary>
    internal override bool LoadsTableJobsTogether => true;

    /// <summary>
    /// Creates a destination that loads into the DuckDB file at <paramref name="databasePath"/> (created if missing).
    /// With <paramref name="options"/>, the configured <c>threads</c> and <c>memory_limit</c> are not read.
    /// </summary>
    public static DuckDbDestination Create(string databasePath, DuckDbOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        return new DuckDbDestination(Path.GetFullPath(databasePath), options ?? new DuckDbOptions(), explicitOptions: options is not null);
    }

    /// <summary>
    /// Creates a destination whose file and settings come from the configuration: the file is
    /// <c>destination.duckdb.credentials</c> (a path, <c>duckdb:///path</c>, or <c>:pipeline:</c> for a file in
    /// the working dir), else <c>&lt;pipeline_name&gt;.duckdb</c> in the current directory (or <c>DLT_LOCAL_DIR</c>).
    /// </summary>
    public static DuckDbDestination Create() => new(null, new DuckDbOptions(), explicitOptions: false);

    internal override Destination Configure(DestinationConfiguration configuration)
    {
        var path = _databasePath ?? ConfiguredPath(configuration);
        if (_explicitOptions)
        {
            return new DuckDbDestination(path, Options, explicitOptions: true);
        }

        var options = new DuckDbOptions
        {
            Threads = configuration.Integer("threads", Options.Threads, min: 1),
            PreserveInsertionOrder = configuration.Boolean("preserve_insertion_order", Options.PreserveInsertionOrder),
        };

        // Only a configured limit is fixed; the default may grow for a wide table (DuckDbOptions.MemoryLimit).
        if (configuration.Text("memory_limit", null, IsMemoryLimit, "a size such as \"2GB\" or \"512MB\"") is { } memoryLimit)
        {
            options = options with { MemoryLimit = memoryLimit };
        }

        return new DuckDbDestination(path, options, explicitOptions: true);
    }

    internal override async Task<IJobClient> ConnectAsync(string datasetName, string stagingDatasetName, CancellationToken cancellationToken) =>
        await DuckDbJobClient.OpenAsync(DatabasePath, datasetName, stagingDatasetName, Options, cancellationToken).ConfigureAwait(false);

    internal override async Task<DbConnection> OpenReadConnectionAsync(string datasetName, CancellationToken cancellationToken)
    {
        if (!File.Exists(DatabasePath))
        {
            throw new InvalidOperationException($"The DuckDB file '{DatabasePath}' does not exist: nothing was loaded into it yet.");
        }

        var connection = new DuckDBConnection($"Data Source={DatabasePath}");
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SET TimeZone = 'UTC'; SET search_path = {SqlIdentifier.Literal(SqlIdentifier.Quote(datasetName))};";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static string ConfiguredPath(DestinationConfiguration configuration)
    {
        var credentials = configuration.NativeCredentials(out _)?.Trim();
        var fileName = configuration.PipelineName + ".duckdb";
        if (string.IsNullOrEmpty(credentials))
        {
            return Path.GetFullPath(Path.Combine(configuration.LocalDirectory, fileName));
        }

        if (credentials == ":pipeline:")
        {
            return Path.Combine(configuration.WorkingDirectory, fileName);
        }

        const string Scheme = "duckdb:///";
        var path = credentials.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? credentials[Scheme.Length..] : credentials;
        return Path.GetFullPath(Path.Combine(configuration.LocalDirectory, path));
    }

    private static bool IsMemoryLimit(string value) => MemoryLimitPattern().IsMatch(value);

    [GeneratedRegex(@"^\s*\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MemoryLimitPattern();
}
