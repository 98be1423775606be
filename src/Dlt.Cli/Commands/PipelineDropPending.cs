using System.CommandLine;

namespace Dlt.Cli.Commands;

/// <summary><c>dlt pipeline &lt;name&gt; drop-pending-packages</c>: deletes the packages not yet loaded.</summary>
internal static class PipelineDropPending
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("drop-pending-packages", "Delete the extracted and normalized packages that were not loaded yet (asks first).");
        command.SetAction(result =>
        {
            var pipeline = PipelineCommand.Open(result, console);
            using var pipelineLock = pipeline.Lock();
            var pending = pipeline.Packages().Where(p => p.IsPending).ToList();
            var partial = Directory.Exists(pipeline.Directories.LoadNew) ? Directory.GetDirectories(pipeline.Directories.LoadNew) : [];
            if (pending.Count == 0 && partial.Length == 0)
            {
                console.Out.WriteLine("No pending packages found.");
                return CliApp.Success;
            }

            if (!PipelineCommand.Confirm(console, result, $"Delete {pending.Count} pending package(s) of pipeline {pipeline.Name}: {string.Join(", ", pending.Select(p => p.LoadId))}?"))
            {
                console.Out.WriteLine("Nothing was deleted.");
                return CliApp.Success;
            }

            foreach (var folder in pending.Select(p => p.Path).Concat(partial))
            {
                Directory.Delete(folder, recursive: true);
            }

            console.Out.WriteLine($"Deleted {pending.Count} pending package(s).");
            return CliApp.Success;
        });
        return command;
    }
}
