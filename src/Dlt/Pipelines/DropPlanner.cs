using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dlt.Schemas;

namespace Dlt.Pipelines;

/// <summary>
/// Works out what a drop changes in a schema and a state (dlt's <c>prepare_drop_resources</c>), and applies it.
/// Resources are selected by exact name or <c>re:</c> pattern; their tables are grouped under their root table's resource.
/// </summary>
internal static class DropPlanner
{
    private const string ResourcesKey = "resources";

    /// <summary>The plan for <paramref name="options"/> on <paramref name="schema"/> and <paramref name="state"/>; neither is changed.</summary>
    public static DropPlan Plan(Schema schema, PipelineState state, DropOptions options)
    {
        var pattern = Pattern(options);
        var resourceNames = new List<string>();
        var tables = new List<TableSchema>();
        var warnings = new List<string>();
        var dataTables = schema.Tables.Where(t => !t.Name.StartsWith("_dlt", StringComparison.Ordinal)).ToList();
        if (pattern is not null)
        {
            foreach (var group in dataTables.GroupBy(t => ResourceOf(schema, t)))
            {
                if (pattern.IsMatch(group.Key))
                {
                    resourceNames.Add(group.Key);
                    tables.AddRange(group);
                }
            }

            if (resourceNames.Count == 0)
            {
                warnings.Add($"The resource(s) [{string.Join(", ", options.Resources)}] select no table in schema '{schema.Name}'. Its resources are: [{string.Join(", ", dataTables.Select(t => ResourceOf(schema, t)).Distinct())}].");
            }
        }

        tables.Reverse();
        var source = state.ExistingSourceState(schema.Name);
        var resourceStates = pattern is null || source?[ResourcesKey] is not JsonObject resources
            ? []
            : resources.Select(r => r.Key).Where(key => pattern.IsMatch(key)).ToList();
        var statePaths = new List<string>();
        foreach (var path in options.StatePaths)
        {
            var resolved = source is null ? [] : Resolve(source, Segments(path)).Where(p => p != ResourcesKey).ToList();
            if (resolved.Count == 0)
            {
                warnings.Add($"The state path '{path}' selects nothing in the state of source '{schema.Name}'.");
            }

            statePaths.AddRange(resolved.Select(p => $"{schema.Name}.{p}"));
        }

        return new DropPlan(
            schema.Name,
            options.StateOnly ? [] : resourceNames,
            options.StateOnly ? [] : [.. tables.Select(t => t.Name)],
            options.StateOnly ? [] : [.. tables.Where(t => t.SeenData).Select(t => t.Name)],
            resourceStates,
            statePaths,
            warnings);
    }

    /// <summary>Removes the plan's tables from <paramref name="schema"/> and its state from <paramref name="state"/>.</summary>
    public static void Apply(DropPlan plan, Schema schema, PipelineState state)
    {
        if (plan.Tables.Count > 0)
        {
            schema.RemoveTables([.. plan.Tables]);
            schema.BumpVersion();
        }

        foreach (var resource in plan.ResourceStates)
        {
            state.ResourceState(plan.SchemaName, resource, reset: true);
        }

        if (state.ExistingSourceState(plan.SchemaName) is { } source)
        {
            foreach (var path in plan.StatePaths)
            {
                Remove(source, path[(plan.SchemaName.Length + 1)..].Split('.'));
            }
        }

        state.ForceExtract();
    }

    /// <summary>A table's resource: its root table's (nested tables carry none of their own).</summary>
    private static string ResourceOf(Schema schema, TableSchema table) => schema.RootOf(table).Resource ?? schema.RootOf(table).Name;

    /// <summary>dlt's simple regexes: <c>re:</c> patterns match from the start of the name, other names exactly; null when nothing is selected.</summary>
    private static Regex? Pattern(DropOptions options)
    {
        if (options.DropAll)
        {
            return new Regex("^", RegexOptions.CultureInvariant);
        }

        if (options.Resources.Count == 0)
        {
            return null;
        }

        var alternatives = options.Resources.Select(r => r.StartsWith("re:", StringComparison.Ordinal) ? $"^(?:{r[3..]})" : $"^{Regex.Escape(r)}$");
        return new Regex(string.Join('|', alternatives), RegexOptions.CultureInvariant);
    }

    private static string[] Segments(string path)
    {
        var trimmed = path.Trim();
        trimmed = trimmed.StartsWith("$.", StringComparison.Ordinal) ? trimmed[2..] : trimmed.TrimStart('$');
        return trimmed.Length == 0 ? [] : trimmed.Split('.');
    }

    /// <summary>The dotted paths under <paramref name="node"/> that <paramref name="segments"/> select (<c>*</c> is any key).</summary>
    private static IEnumerable<string> Resolve(JsonObject node, ReadOnlySpan<string> segments)
    {
        if (segments.Length == 0)
        {
            return [];
        }

        var results = new List<string>();
        var keys = segments[0] == "*" ? [.. node.Select(p => p.Key)] : node.ContainsKey(segments[0]) ? new List<string> { segments[0] } : [];
        foreach (var key in keys)
        {
            if (segments.Length == 1)
            {
                results.Add(key);
            }
            else if (node[key] is JsonObject child)
            {
                results.AddRange(Resolve(child, segments[1..]).Select(p => $"{key}.{p}"));
            }
        }

        return results;
    }

    private static void Remove(JsonObject node, string[] path)
    {
        for (var i = 0; i < path.Length - 1; i++)
        {
            if (node[path[i]] is not JsonObject child)
            {
                return;
            }

            node = child;
        }

        node.Remove(path[^1]);
    }
}
