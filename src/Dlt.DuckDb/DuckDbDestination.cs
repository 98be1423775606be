namespace Dlt.DuckDb;

/// <summary>The embedded DuckDB destination: one database file, the dataset is a DuckDB schema.</summary>
public sealed class DuckDbDestination : Destination
{
    private DuckDbDestination(string databasePath) => DatabasePath = databasePath;

    /// <inheritdoc/>
    public override string DestinationType => "duckdb";

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>Creates a destination that loads into the DuckDB file at <paramref name="databasePath"/> (created if missing).</summary>
    public static DuckDbDestination Create(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        return new DuckDbDestination(Path.GetFullPath(databasePath));
    }
}
