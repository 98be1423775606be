using System.Data.Common;
using Dlt.Configuration;
using Dlt.Destinations;

namespace Dlt;

/// <summary>Where a pipeline loads its tables; create one with a destination's factory, such as <c>DuckDbDestination.Create</c>.</summary>
public abstract class Destination
{
    private protected Destination()
    {
    }

    /// <summary>The destination's type name as dlt spells it, such as <c>duckdb</c>.</summary>
    public abstract string DestinationType { get; }

    /// <summary>Where the data goes, for messages and <see cref="LoadInfo"/>; never contains secrets.</summary>
    public abstract string Location { get; }

    /// <summary>The longest identifier the destination accepts; <see langword="null"/> when unlimited.</summary>
    internal abstract int? MaxIdentifierLength { get; }

    /// <summary>The most load jobs the destination takes at once.</summary>
    internal abstract int MaxParallelLoadJobs { get; }

    /// <summary>
    /// Whether the jobs of one table load together, in as many transactions as jobs run at once
    /// (a destination whose commits cost more than its inserts); otherwise each job loads on its own.
    /// </summary>
    internal virtual bool LoadsTableJobsTogether => false;

    /// <summary>The replace strategies the destination can run (dlt's <c>supported_replace_strategies</c>).</summary>
    internal virtual IReadOnlyList<string> ReplaceStrategies => [Destinations.ReplaceStrategies.TruncateAndInsert, Destinations.ReplaceStrategies.InsertFromStaging];

    /// <summary>
    /// Returns the destination with the settings it did not get in code taken from
    /// <paramref name="configuration"/> (<c>destination.&lt;name&gt;.*</c>); called once when a pipeline is created.
    /// </summary>
    internal virtual Destination Configure(DestinationConfiguration configuration) => this;

    /// <summary>Opens a session on <paramref name="datasetName"/>, whose merge and staging-replace tables stage in <paramref name="stagingDatasetName"/>.</summary>
    internal abstract Task<IJobClient> ConnectAsync(string datasetName, string stagingDatasetName, CancellationToken cancellationToken);

    /// <summary>
    /// Opens a connection of the destination's own client for reading <paramref name="datasetName"/> (a <see cref="Dataset"/>),
    /// with the dataset as the default schema, so that unqualified table names in a query resolve to it.
    /// </summary>
    internal abstract Task<DbConnection> OpenReadConnectionAsync(string datasetName, CancellationToken cancellationToken);
}
