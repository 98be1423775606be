namespace Dlt;

/// <summary>Where a pipeline loads its tables; create one with a destination's factory, such as <c>DuckDbDestination.Create</c>.</summary>
public abstract class Destination
{
    private protected Destination()
    {
    }

    /// <summary>The destination's type name as dlt spells it, such as <c>duckdb</c>.</summary>
    public abstract string DestinationType { get; }
}
