using System.CommandLine;
using Dlt.Cli.SchemaFiles;

namespace Dlt.Cli.Commands;

/// <summary><c>dlt schema &lt;file&gt; [--format yaml|json]</c>: reads a schema file and prints it in the given format.</summary>
internal static class SchemaCommand
{
    private static readonly Argument<string> s_file = new("file")
    {
        Description = "A dlt schema file: .json, .yaml or .yml.",
    };

    public static Command Create(CliConsole console)
    {
        var format = SchemaFormat.CreateOption();
        var command = new Command("schema", "Read a schema file (JSON or YAML) and print it as YAML or JSON.") { s_file, format };
        command.SetAction(result =>
        {
            var schema = SchemaFormat.Read(result.GetValue(s_file)!, console.CurrentDirectory);
            console.Out.WriteLine(SchemaFormat.Write(schema, result.GetValue(format)!));
            return CliApp.Success;
        });
        return command;
    }
}
