using System.CommandLine;
using Dlt.Cli.SchemaFiles;
using Dlt.Schemas;
using Dlt.Schemas.Naming;

namespace Dlt.Cli.Commands;

/// <summary><c>dlt pipeline &lt;name&gt; schema</c>: the pipeline's default (or a named) schema as YAML or JSON.</summary>
internal static class PipelineSchema
{
    private static readonly Option<string?> s_schemaName = new("--schema")
    {
        Description = "The schema to show (default: the pipeline's default schema).",
    };

    public static Command Create(CliConsole console)
    {
        var format = SchemaFormat.CreateOption();
        var command = new Command("schema", "Show the pipeline's schema as YAML or JSON.") { format, s_schemaName };
        command.SetAction(result =>
        {
            var pipeline = PipelineCommand.Open(result, console);
            var name = result.GetValue(s_schemaName) ?? pipeline.ReadState()["default_schema_name"]?.GetValue<string>() ?? pipeline.SchemaNames().FirstOrDefault()
                ?? throw new CliException($"Pipeline '{pipeline.Name}' has no schema yet. Run it first.");
            var path = pipeline.Directories.SchemaFile(name);
            if (!File.Exists(path))
            {
                throw new CliException($"Pipeline '{pipeline.Name}' has no schema '{name}'. Its schemas: {string.Join(", ", pipeline.SchemaNames())}.");
            }

            console.Out.WriteLine(SchemaFormat.Write(SchemaJson.Load(path, new SnakeCaseNaming()), result.GetValue(format)!));
            return CliApp.Success;
        });
        return command;
    }
}
