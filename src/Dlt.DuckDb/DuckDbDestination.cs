using Dlt.Destinations;

namespace Dlt.DuckDb;

/// <summary>The embedded DuckDB destination: one database file, the dataset is a DuckDB schema.</summary>
public sealed class DuckDbDestination : Destination
{
    private DuckDbDestination(string databasePath, DuckDbOptions options)
    {
        DatabasePath = databasePath;
        Options = options;
    }

    /// <inheritdoc/>
    public override string DestinationType => "duckdb";

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>The DuckDB engine settings.</summary>
    public DuckDbOptions Options { get; }

    /// <inheritdoc/>
    public override string Location => DatabasePath;

    internal override int? MaxIdentifierLength => null;

    /// <summary>DuckDB takes one writer per table well; more parallel jobs than its threads only contend.</summary>
    internal override int MaxParallelLoadJobs => Options.Threads;

    /// <summary>Creates a destination that loads into the DuckDB file at <paramref name="databasePath"/> (created if missing).</summary>
    public static DuckDbDestination Create(string databasePath, DuckDbOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        return new DuckDbDestination(Path.GetFullPath(databasePath), options ?? new DuckDbOptions());
    }

    internal override async Task<IJobClient> ConnectAsync(string datasetName, CancellationToken cancellationToken) =>
        await DuckDbJobClient.OpenAsync(DatabasePath, datasetName, Options, cancellationToken).ConfigureAwait(false);
}
