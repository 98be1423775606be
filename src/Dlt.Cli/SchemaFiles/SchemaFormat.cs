using System.CommandLine;
using System.Text;
using Dlt.Schemas;
using Dlt.Schemas.Naming;

namespace Dlt.Cli.SchemaFiles;

/// <summary>Prints a stored or exported dlt schema as YAML or JSON (<c>--format</c>).</summary>
internal static class SchemaFormat
{
    /// <summary>The output format: <c>yaml</c> (the default, as dlt) or <c>json</c>.</summary>
    public static Option<string> CreateOption() => new Option<string>("--format")
    {
        Description = "The output format: yaml or json.",
        DefaultValueFactory = _ => "yaml",
    }.AcceptOnlyFromAmong("yaml", "json");

    /// <summary>Reads a schema file: dlt's JSON (<c>.json</c>) or its YAML export (<c>.yaml</c>, <c>.yml</c>); a relative <paramref name="path"/> is read from <paramref name="currentDirectory"/>.</summary>
    public static Schema Read(string path, string currentDirectory)
    {
        var fullPath = Path.GetFullPath(path, currentDirectory);
        if (!File.Exists(fullPath))
        {
            throw new CliException($"Schema file '{path}' does not exist.");
        }

        var bytes = File.ReadAllBytes(fullPath);
        var isYaml = path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        try
        {
            return SchemaJson.Parse(isYaml ? YamlToJson.Convert(Encoding.UTF8.GetString(bytes)) : bytes, new SnakeCaseNaming());
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or YamlDotNet.Core.YamlException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new CliException($"Schema file '{path}' is not a valid dlt schema: {ex.Message}");
        }
    }

    /// <summary>The schema as text in <paramref name="format"/>.</summary>
    public static string Write(Schema schema, string format) =>
        format == "json" ? Encoding.UTF8.GetString(SchemaJson.ToUtf8(schema)) : SchemaYaml.Export(schema);
}
