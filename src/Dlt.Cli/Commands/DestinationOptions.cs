using System.CommandLine;
using Dlt.Cli.Pipelines;

namespace Dlt.Cli.Commands;

/// <summary>dlt's <c>--destination</c> and <c>--dataset-name</c> of <c>sync</c> and <c>drop</c>: where to look when the working dir has no state.</summary>
internal static class DestinationOptions
{
    public static Option<string?> Destination() => new Option<string?>("--destination")
    {
        Description = "Sync from this destination (duckdb or postgres) when the local pipeline state is missing.",
    }.AcceptOnlyFromAmong(CliDestinations.Names);

    public static Option<string?> DatasetName() => new("--dataset-name")
    {
        Description = "The dataset to sync from when the local pipeline state is missing.",
    };
}
