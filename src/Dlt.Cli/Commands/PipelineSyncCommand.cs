using System.CommandLine;
using Dlt.Cli.Pipelines;

namespace Dlt.Cli.Commands;

/// <summary>
/// <c>dlt pipeline &lt;name&gt; sync</c>: drops the local working dir (state, schemas, pending packages) and
/// restores the state and schemas from the destination. The destination's data is left intact.
/// </summary>
internal static class PipelineSyncCommand
{
    public static Command Create(CliConsole console)
    {
        var destination = DestinationOptions.Destination();
        var datasetName = DestinationOptions.DatasetName();
        var command = new Command("sync", "Drop the local state, schemas and pending packages of the pipeline and restore the state and schemas from the destination (its data is left intact).")
        {
            destination, datasetName,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var name = result.GetValue(PipelineCommand.Name) ?? throw new CliException("Give the pipeline name before the operation: dlt pipeline <name> sync.");
            var pipelinesDirectory = PipelineFolder.ResolvePipelinesDirectory(result.GetValue(PipelineCommand.PipelinesDirectory), console.EnvironmentVariables());
            var pipeline = PipelineAttach.Open(console, pipelinesDirectory, name, result.GetValue(destination), result.GetValue(datasetName));
            if (!PipelineCommand.Confirm(console, result, "About to drop the local state of the pipeline and reset all the schemas. The destination state, data and schemas are left intact. Proceed?"))
            {
                console.Out.WriteLine("Nothing was changed.");
                return CliApp.Success;
            }

            console.Out.WriteLine("Dropping local state");
            WipeWorkingDirectory(pipeline.WorkingDirectory, name);
            console.Out.WriteLine("Restoring from destination");
            if (!await pipeline.SyncDestinationAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new CliException($"Pipeline {name} was not found in dataset {pipeline.DatasetName} in {pipeline.Destination.DestinationType} ({pipeline.Destination.Location}): no state was restored and the working dir is empty.");
            }

            var folder = PipelineFolder.Open(pipelinesDirectory, name);
            var state = folder.ReadState();
            console.Out.WriteLine($"Restored state version {state["_state_version"]} of pipeline {name} with schema(s) {string.Join(", ", folder.SchemaNames())} from dataset {pipeline.DatasetName}.");
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>dlt's <c>pipeline.drop()</c>: everything in the working dir goes, under the pipeline's lock.</summary>
    private static void WipeWorkingDirectory(string root, string name)
    {
        if (!Directory.Exists(root))
        {
            return;
        }

        var folder = PipelineFolder.Open(Path.GetDirectoryName(root)!, name);
        using (folder.Lock())
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(root).Where(e => e != folder.Directories.LockFile))
            {
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            }
        }
    }
}
