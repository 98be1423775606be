using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dlt.Cli.Pipelines;

namespace Dlt.Cli.Commands;

/// <summary><c>dlt pipeline &lt;name&gt; info</c>: the working dir's state, schemas, resources and packages.</summary>
internal static class PipelineInfo
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("info", "Show the pipeline's dataset, destination, schemas, resources and load packages.");
        command.SetAction(result => Print(console, PipelineCommand.Open(result, console), result.GetValue(PipelineCommand.Verbose)));
        return command;
    }

    public static int Print(CliConsole console, PipelineFolder pipeline, bool verbose)
    {
        var output = console.Out;
        output.WriteLine($"Found pipeline {pipeline.Name} in {pipeline.Directories.Root}");
        var state = pipeline.ReadState();
        output.WriteLine("Synchronized state:");
        foreach (var (key, value) in state)
        {
            if (key is "_local" or "sources")
            {
                continue;
            }

            output.WriteLine($"{key}: {Describe(value)}");
        }

        if (state["sources"] is JsonObject { Count: > 0 } sources)
        {
            output.WriteLine($"sources: {sources.ToJsonString()}");
        }

        if (verbose && state["_local"] is JsonObject local)
        {
            output.WriteLine("Local state:");
            foreach (var (key, value) in local)
            {
                output.WriteLine($"{key}: {Describe(value)}");
            }
        }

        foreach (var schemaName in pipeline.SchemaNames())
        {
            PrintResources(output, pipeline, schemaName);
        }

        var packages = pipeline.Packages();
        var loaded = packages.Where(p => p.Stage == PackageStage.Loaded).ToList();
        output.WriteLine("Working dir content:");
        output.WriteLine($"Has {loaded.Count} completed load packages with following load ids:");
        foreach (var package in loaded)
        {
            output.WriteLine(package.LoadId);
        }

        var pending = packages.Where(p => p.IsPending).ToList();
        output.WriteLine(pending.Count == 0 ? "Pipeline has no pending packages" : $"Has {pending.Count} pending load packages: {string.Join(", ", pending.Select(p => $"{p.LoadId} ({p.Stage.ToString().ToLowerInvariant()})"))}");
        var aborted = packages.Where(p => p.Stage is PackageStage.Aborted or PackageStage.NormalizeAborted).ToList();
        if (aborted.Count > 0)
        {
            output.WriteLine($"Has {aborted.Count} aborted load packages: {string.Join(", ", aborted.Select(p => p.LoadId))}. Use 'dlt pipeline {pipeline.Name} failed-jobs' to see why.");
        }

        var trace = PipelineTrace.Read(pipeline.Directories.Root);
        output.WriteLine(trace is null || trace.Steps.Count == 0
            ? "Pipeline does not have last run trace."
            : $"Pipeline has last run trace. Use 'dlt pipeline {pipeline.Name} trace' to inspect");
        return CliApp.Success;
    }

    private static void PrintResources(TextWriter output, PipelineFolder pipeline, string schemaName)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(pipeline.Directories.SchemaFile(schemaName)));
        var byResource = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in document.RootElement.GetProperty("tables").EnumerateObject())
        {
            if (table.Name.StartsWith("_dlt_", StringComparison.Ordinal))
            {
                continue;
            }

            var resource = table.Value.TryGetProperty("resource", out var r) ? r.GetString() ?? table.Name : RootResource(document.RootElement, table.Value) ?? table.Name;
            if (!byResource.TryGetValue(resource, out var tables))
            {
                byResource[resource] = tables = [];
            }

            tables.Add(table.Name);
        }

        output.WriteLine($"Resources in schema: {schemaName}");
        foreach (var (resource, tables) in byResource)
        {
            output.WriteLine($"{resource} with {tables.Count} table(s): {string.Join(", ", tables)}");
        }
    }

    /// <summary>The resource of a child table is its root table's.</summary>
    private static string? RootResource(JsonElement schema, JsonElement table)
    {
        var tables = schema.GetProperty("tables");
        while (table.TryGetProperty("parent", out var parent) && parent.GetString() is { } parentName && tables.TryGetProperty(parentName, out var parentTable))
        {
            table = parentTable;
        }

        return table.TryGetProperty("resource", out var resource) ? resource.GetString() : null;
    }

    private static string Describe(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue scalar => scalar.ToString(),
        _ => value.ToJsonString(),
    };
}
