using System.CommandLine;
using Dlt.Cli.Pipelines;

namespace Dlt.Cli.Commands;

/// <summary><c>dlt pipeline</c>: lists pipelines and inspects or manages one pipeline's working dir.</summary>
internal static class PipelineCommand
{
    /// <summary>The pipeline name, before the operation (<c>dlt pipeline &lt;name&gt; info</c>).</summary>
    public static readonly Argument<string?> Name = new("pipeline_name")
    {
        Description = "The pipeline's name.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>Overrides the folder of the working dirs.</summary>
    public static readonly Option<string?> PipelinesDirectory = new("--pipelines-dir")
    {
        Description = "The folder of the pipelines' working dirs (default: DLT_DATA_DIR/pipelines, ~/.dlt/pipelines).",
        Recursive = true,
    };

    /// <summary>Shows more detail (state, schema updates).</summary>
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Show more detail: the local state in 'info', the schema updates in 'load-package', the whole trace as JSON in 'trace', dlt's own tables and columns in 'show'.",
        Recursive = true,
    };

    private static readonly Option<bool> s_list = new("--list-pipelines", "-l", "--list")
    {
        Description = "List the pipelines in the pipelines folder.",
    };

    public static Command Create(CliConsole console)
    {
        var command = new Command("pipeline", "Inspect and manage a pipeline: info, trace, load packages, failed jobs, schema, sync with the destination, drop resources, show the dataset.")
        {
            Name,
            PipelinesDirectory,
            Verbose,
            s_list,
            PipelineInfo.Create(console),
            PipelineLoadPackage.Create(console),
            PipelineFailedJobs.Create(console),
            PipelineDropPending.Create(console),
            PipelineSchema.Create(console),
            PipelineTraceCommand.Create(console),
            PipelineSyncCommand.Create(console),
            PipelineDropCommand.Create(console),
            PipelineShowCommand.Create(console),
        };
        command.SetAction(result =>
        {
            if (result.GetValue(s_list))
            {
                var folder = PipelineFolder.ResolvePipelinesDirectory(result.GetValue(PipelinesDirectory), console.EnvironmentVariables());
                var names = PipelineFolder.List(folder);
                console.Out.WriteLine($"{names.Count} pipeline(s) found in {folder}");
                foreach (var name in names)
                {
                    console.Out.WriteLine(name);
                }

                return CliApp.Success;
            }

            if (result.GetValue(Name) is null)
            {
                throw new CliException("Give a pipeline name (dlt pipeline <name> info) or --list-pipelines.");
            }

            return PipelineInfo.Print(console, Open(result, console), result.GetValue(Verbose));
        });
        return command;
    }

    /// <summary>The working dir of the pipeline named on the command line.</summary>
    public static PipelineFolder Open(ParseResult result, CliConsole console)
    {
        var name = result.GetValue(Name) ?? throw new CliException("Give the pipeline name before the operation: dlt pipeline <name> <operation>.");
        return PipelineFolder.Open(PipelineFolder.ResolvePipelinesDirectory(result.GetValue(PipelinesDirectory), console.EnvironmentVariables()), name);
    }

    /// <summary>Asks the user to confirm, unless <c>--non-interactive</c>; true to go ahead.</summary>
    public static bool Confirm(CliConsole console, ParseResult result, string question)
    {
        if (result.GetValue(GlobalOptions.NonInteractive))
        {
            return true;
        }

        console.Out.Write($"{question} [y/N]: ");
        console.Out.Flush();
        var answer = console.In.ReadLine()?.Trim();
        return answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
    }
}
