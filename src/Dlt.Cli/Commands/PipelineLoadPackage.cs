using System.CommandLine;
using Dlt.Cli.Pipelines;
using Dlt.Storage;

namespace Dlt.Cli.Commands;

/// <summary><c>dlt pipeline &lt;name&gt; load-package [load_id]</c>: one package's stage and jobs.</summary>
internal static class PipelineLoadPackage
{
    private static readonly string[] s_jobStates = [PackageFolders.NewJobs, PackageFolders.StartedJobs, PackageFolders.CompletedJobs, PackageFolders.FailedJobs];

    private static readonly Argument<string?> s_loadId = new("load_id")
    {
        Description = "The package's load id (default: the most recent package).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Command Create(CliConsole console)
    {
        var command = new Command("load-package", "Show a load package's stage and jobs (the most recent one unless a load id is given).") { s_loadId };
        command.SetAction(result =>
        {
            var pipeline = PipelineCommand.Open(result, console);
            var packages = pipeline.Packages();
            var loadId = result.GetValue(s_loadId);
            var package = loadId is null
                ? packages.LastOrDefault() ?? throw new CliException($"Pipeline '{pipeline.Name}' has no load packages.")
                : packages.FirstOrDefault(p => p.LoadId == loadId) ?? throw new CliException($"Pipeline '{pipeline.Name}' has no load package '{loadId}'. Its packages: {string.Join(", ", packages.Select(p => p.LoadId))}.");
            Print(console.Out, package, result.GetValue(PipelineCommand.Verbose));
            return CliApp.Success;
        });
        return command;
    }

    private static void Print(TextWriter output, PackageEntry package, bool verbose)
    {
        output.WriteLine($"Package {package.LoadId} found in {package.Path}");
        output.WriteLine($"The package is {Describe(package.Stage)}.");
        var jobs = s_jobStates
            .SelectMany(state => Files(Path.Combine(package.Path, state)).Select(file => (State: state, File: file)))
            .Where(job => !job.File.EndsWith(".exception", StringComparison.Ordinal))
            .ToList();
        output.WriteLine($"Jobs details ({jobs.Count}):");
        foreach (var (state, file) in jobs)
        {
            var name = Path.GetFileName(file);
            var table = TryTable(name);
            output.WriteLine($"Job: {name}, table: {table}, state: {state.Replace("_jobs", "", StringComparison.Ordinal)}, size: {new FileInfo(file).Length} bytes");
        }

        if (package.Stage is PackageStage.Extracted or PackageStage.NormalizeAborted)
        {
            foreach (var file in Files(package.Path).Where(f => f.EndsWith(".jsonl", StringComparison.Ordinal) || f.EndsWith(".jsonl.gz", StringComparison.Ordinal)))
            {
                output.WriteLine($"Extracted file: {Path.GetFileName(file)}, size: {new FileInfo(file).Length} bytes");
            }
        }

        if (verbose)
        {
            foreach (var updates in new[] { PackageFolders.AppliedSchemaUpdatesFile, PackageFolders.SchemaUpdatesFile }.Select(f => Path.Combine(package.Path, f)).Where(File.Exists))
            {
                output.WriteLine($"Schema updates ({Path.GetFileName(updates)}):");
                output.WriteLine(File.ReadAllText(updates));
            }
        }
    }

    private static string TryTable(string fileName)
    {
        try
        {
            return JobFileName.Parse(fileName).Table;
        }
        catch (FormatException)
        {
            return "?";
        }
    }

    private static IEnumerable<string> Files(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder).Order(StringComparer.Ordinal) : [];

    private static string Describe(PackageStage stage) => stage switch
    {
        PackageStage.Extracted => "extracted and waits for normalize",
        PackageStage.NormalizeAborted => "aborted: it failed to normalize",
        PackageStage.Normalized => "normalized and waits for load",
        PackageStage.Loaded => "loaded",
        _ => "aborted: a job failed for good",
    };
}
