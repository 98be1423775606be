using System.CommandLine;
using Dlt.Cli.Init;

namespace Dlt.Cli.Commands;

/// <summary><c>dlt init &lt;source&gt; &lt;destination&gt;</c>: scaffolds a C# pipeline project with its <c>.dlt</c> files.</summary>
internal static class InitCommand
{
    private static readonly Argument<string?> s_source = new("source")
    {
        Description = "The template of the source: " + string.Join(", ", ProjectTemplate.Sources) + ".",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static readonly Argument<string?> s_destination = new("destination")
    {
        Description = "The destination: " + string.Join(", ", ProjectTemplate.Destinations) + ".",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static readonly Option<bool> s_listSources = new("--list-sources", "-l")
    {
        Description = "List the source templates.",
    };

    private static readonly Option<bool> s_listDestinations = new("--list-destinations")
    {
        Description = "List the destinations.",
    };

    private static readonly Option<string?> s_location = new("--location")
    {
        Description = "The folder to write the project into (default: the current directory).",
    };

    public static Command Create(CliConsole console)
    {
        var command = new Command("init", "Create a C# pipeline project (<source>_pipeline.csproj, Program.cs, .dlt/config.toml, .dlt/secrets.toml) that builds and runs.")
        {
            s_source, s_destination, s_listSources, s_listDestinations, s_location,
        };
        command.SetAction(result =>
        {
            if (result.GetValue(s_listSources))
            {
                foreach (var source in ProjectTemplate.Sources)
                {
                    console.Out.WriteLine($"{source}: {ProjectTemplate.DescribeSource(source)}");
                }

                return CliApp.Success;
            }

            if (result.GetValue(s_listDestinations))
            {
                foreach (var destination in ProjectTemplate.Destinations)
                {
                    console.Out.WriteLine(destination);
                }

                return CliApp.Success;
            }

            var sourceName = result.GetValue(s_source) ?? throw new CliException("Give a source and a destination: dlt init <source> <destination> (dlt init --list-sources).");
            var destinationName = result.GetValue(s_destination) ?? throw new CliException($"Give a destination: dlt init {sourceName} <destination>, one of {string.Join(", ", ProjectTemplate.Destinations)}.");
            var template = ProjectTemplate.Create(sourceName, destinationName);
            var folder = Path.GetFullPath(result.GetValue(s_location) ?? ".", console.CurrentDirectory);
            var existing = template.Files.Keys.Select(f => Path.Combine(folder, f)).Where(File.Exists).ToList();
            if (existing.Count > 0 && !PipelineCommand.Confirm(console, result, $"Overwrite {string.Join(", ", existing.Select(Path.GetFileName))}?"))
            {
                throw new CliException($"Nothing was written: {string.Join(", ", existing)} already exist.");
            }

            foreach (var (relative, content) in template.Files)
            {
                var path = Path.Combine(folder, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, content);
            }

            console.Out.WriteLine($"Created a {sourceName} pipeline loading into {destinationName} in {folder}:");
            foreach (var relative in template.Files.Keys)
            {
                console.Out.WriteLine($"  {relative}");
            }

            console.Out.WriteLine(template.NextSteps);
            return CliApp.Success;
        });
        return command;
    }
}
