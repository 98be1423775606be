using Dlt.DuckDb;
using Dlt.Postgres;

namespace Dlt.Cli.Pipelines;

/// <summary>The destinations the tool knows by name; each takes its location and credentials from the configuration.</summary>
internal static class CliDestinations
{
    /// <summary>The names accepted by <c>--destination</c>.</summary>
    public static readonly string[] Names = ["duckdb", "postgres"];

    /// <summary>
    /// The destination named <paramref name="name"/>: <c>duckdb</c> or <c>postgres</c> (dlt's
    /// <c>dlt.destinations.duckdb</c> form is accepted too, as a state written by dlt names it).
    /// </summary>
    /// <exception cref="CliException">The name is not a destination of the tool.</exception>
    public static Destination Create(string name)
    {
        var type = name[(name.LastIndexOf('.') + 1)..];
        return type switch
        {
            "duckdb" => DuckDbDestination.Create(),
            "postgres" => PostgresDestination.Create(),
            _ => throw new CliException($"Unknown destination '{name}': the tool loads into {string.Join(" or ", Names)}."),
        };
    }
}
