using System.CommandLine;
using Dlt.Storage;

namespace Dlt.Cli.Commands;

/// <summary><c>dlt pipeline &lt;name&gt; failed-jobs</c>: the failed jobs of every package, with their errors.</summary>
internal static class PipelineFailedJobs
{
    private const string NormalizeErrorFile = "normalize_exception.txt";

    public static Command Create(CliConsole console)
    {
        var command = new Command("failed-jobs", "List the failed jobs of every load package, with their error messages.");
        command.SetAction(result =>
        {
            var pipeline = PipelineCommand.Open(result, console);
            var found = 0;
            foreach (var package in pipeline.Packages())
            {
                var normalizeError = Path.Combine(package.Path, NormalizeErrorFile);
                if (File.Exists(normalizeError))
                {
                    found++;
                    console.Out.WriteLine($"Load package {package.LoadId} failed to normalize: {CliApp.OneLine(File.ReadAllText(normalizeError))}");
                }

                var failed = Path.Combine(package.Path, PackageFolders.FailedJobs);
                if (!Directory.Exists(failed))
                {
                    continue;
                }

                foreach (var job in Directory.GetFiles(failed).Where(f => !f.EndsWith(".exception", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
                {
                    found++;
                    var exception = job + ".exception";
                    var message = File.Exists(exception) ? CliApp.OneLine(File.ReadAllText(exception)) : "(no error message was saved)";
                    console.Out.WriteLine($"Load package {package.LoadId}, job {Path.GetFileName(job)} failed: {message}");
                }
            }

            if (found == 0)
            {
                console.Out.WriteLine($"Pipeline {pipeline.Name} has no failed jobs.");
            }

            return CliApp.Success;
        });
        return command;
    }
}
