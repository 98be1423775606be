using System.CommandLine;
using Dlt.Cli.Pipelines;

namespace Dlt.Cli.Commands;

/// <summary>
/// <c>dlt pipeline &lt;name&gt; drop [resources...]</c>: drops the tables of the selected resources (nested tables
/// too) in the destination and the schema, and resets their state, as a new load; asks first.
/// </summary>
internal static class PipelineDropCommand
{
    private static readonly Argument<string[]> s_resources = new("resources")
    {
        Description = "One or more resources to drop: exact resource name(s) or regex pattern(s) starting with re: (re:^repo).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static readonly Option<bool> s_dropAll = new("--drop-all")
    {
        Description = "Drop all resources found in the schema. Supersedes the resources argument.",
    };

    private static readonly Option<string[]> s_statePaths = new("--state-paths")
    {
        Description = "Source state keys to delete, as dot-separated paths (archives, players.last; * is any key).",
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<string?> s_schemaName = new("--schema")
    {
        Description = "The schema to drop from (default: the pipeline's default schema).",
    };

    private static readonly Option<bool> s_stateOnly = new("--state-only")
    {
        Description = "Only reset the state of the matching resources; their tables are kept.",
    };

    public static Command Create(CliConsole console)
    {
        var destination = DestinationOptions.Destination();
        var datasetName = DestinationOptions.DatasetName();
        var command = new Command("drop", "Selectively drop tables and reset state: the tables of the given resources (with their nested tables) are dropped in the destination and the schema, and their state is reset, as a new load.")
        {
            s_resources, s_dropAll, s_statePaths, s_schemaName, s_stateOnly, destination, datasetName,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var name = result.GetValue(PipelineCommand.Name) ?? throw new CliException("Give the pipeline name before the operation: dlt pipeline <name> drop [resources...].");
            var pipelinesDirectory = PipelineFolder.ResolvePipelinesDirectory(result.GetValue(PipelineCommand.PipelinesDirectory), console.EnvironmentVariables());
            var pipeline = PipelineAttach.Open(console, pipelinesDirectory, name, result.GetValue(destination), result.GetValue(datasetName));
            if (!File.Exists(Path.Combine(pipeline.WorkingDirectory, "state.json")))
            {
                // As dlt: a pipeline without a local state is restored from the destination first.
                console.Out.WriteLine("Restoring from destination");
                if (!await pipeline.SyncDestinationAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new CliException($"Pipeline {name} was not found in dataset {pipeline.DatasetName} in {pipeline.Destination.DestinationType} ({pipeline.Destination.Location}): nothing to drop.");
                }
            }

            var options = new DropOptions
            {
                Resources = result.GetValue(s_resources) ?? [],
                DropAll = result.GetValue(s_dropAll),
                StatePaths = result.GetValue(s_statePaths) ?? [],
                SchemaName = result.GetValue(s_schemaName),
                StateOnly = result.GetValue(s_stateOnly),
            };
            var plan = Plan(pipeline, options);
            if (plan.IsEmpty)
            {
                console.Out.WriteLine("Could not select any resources to drop and no resource/source state to reset. Use the command below to inspect the pipeline:");
                console.Out.WriteLine($"dlt pipeline -v {name} info");
                WriteWarnings(console, plan);
                return CliApp.Success;
            }

            console.Out.WriteLine($"About to drop the following data in dataset {pipeline.DatasetName} in destination {pipeline.Destination.DestinationType} ({pipeline.Destination.Location}):");
            console.Out.WriteLine($"Selected schema: {plan.SchemaName}");
            console.Out.WriteLine($"Selected resource(s): {List(plan.ResourceNames)}");
            console.Out.WriteLine($"Table(s) to drop: {List(plan.Tables)}");
            console.Out.WriteLine($"\twith data in destination: {List(plan.TablesWithData)}");
            console.Out.WriteLine($"Resource(s) state to reset: {List(plan.ResourceStates)}");
            console.Out.WriteLine($"Source state path(s) to reset: {List(plan.StatePaths)}");
            WriteWarnings(console, plan);
            if (!PipelineCommand.Confirm(console, result, "Do you want to apply these changes?"))
            {
                console.Out.WriteLine("Nothing was dropped.");
                return CliApp.Success;
            }

            var info = await pipeline.DropAsync(options, cancellationToken).ConfigureAwait(false);
            console.Out.WriteLine(info);
            return CliApp.Success;
        });
        return command;
    }

    private static DropPlan Plan(Pipeline pipeline, DropOptions options)
    {
        try
        {
            return pipeline.PlanDrop(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException(ex.Message);
        }
    }

    private static string List(IReadOnlyList<string> names) => $"[{string.Join(", ", names)}]";

    private static void WriteWarnings(CliConsole console, DropPlan plan)
    {
        foreach (var warning in plan.Warnings)
        {
            console.Error.WriteLine($"dlt: warning: {warning}");
        }
    }
}
