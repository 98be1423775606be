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

    internal abstract Task<IJobClient> ConnectAsync(string datasetName, CancellationToken cancellationToken);
}
