using System.CommandLine;

namespace Dlt.Cli.Commands;

/// <summary><c>dlt pipeline &lt;name&gt; trace</c>: the trace of the last run, read from the working dir.</summary>
internal static class PipelineTraceCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("trace", "Show the trace of the last run: when it started, how long each step took, failures and bottlenecks; -v prints the whole trace as JSON.");
        command.SetAction(result =>
        {
            var pipeline = PipelineCommand.Open(result, console);
            var trace = PipelineTrace.Read(pipeline.Directories.Root);
            if (trace is null || trace.Steps.Count == 0)
            {
                console.Error.WriteLine($"dlt: warning: Pipeline {pipeline.Name} does not have last run trace.");
                return CliApp.Success;
            }

            console.Out.WriteLine(trace.ToString());
            foreach (var step in trace.Steps.Where(s => s.Failed && s.StepException is not null))
            {
                console.Out.WriteLine($"Step {step.Step} failed with: {step.StepException}");
            }

            if (result.GetValue(PipelineCommand.Verbose))
            {
                console.Out.WriteLine(trace.ToJson());
            }

            return CliApp.Success;
        });
        return command;
    }
}
