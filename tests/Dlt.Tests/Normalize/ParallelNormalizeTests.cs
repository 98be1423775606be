using System.Text.Json;
using Dlt.TestKit;
using Dlt.Tests.Support;

namespace Dlt.Tests.Normalize;

public sealed class ParallelNormalizeTests
{
    [Fact]
    public async Task Schema_and_rows_do_not_depend_on_the_number_of_normalize_workers()
    {
        // Given items whose columns, types and child tables first appear at different points (EvolvingItems),
        // when normalized by one worker and by three, in segments of 25 items (files flush every 25)
        var sequential = await NormalizeAsync(workers: 1, EvolvingItems.Create());
        var parallel = await NormalizeAsync(workers: 3, EvolvingItems.Create());

        // Then the stored schema (tables, column order, types, hints) and the rows are identical
        Assert.Equal(sequential.Schema, parallel.Schema);
        Assert.Contains("code__v_text", sequential.Schema, StringComparison.Ordinal);
        Assert.Equal(sequential.Rows, parallel.Rows);
        Assert.Equal(400, sequential.Rows.Count(r => r.StartsWith("items:", StringComparison.Ordinal)));
    }

    private static async Task<(string Schema, List<string> Rows)> NormalizeAsync(int workers, IEnumerable<Dictionary<string, object?>> items)
    {
        using var run = new NormalizeRun(new PipelineOptions { BufferMaxItems = 25, NormalizeSegmentMinItems = 25, EnvironmentVariables = new Dictionary<string, string> { ["NORMALIZE__WORKERS"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture) } });
        await run.ExtractAndNormalizeAsync(Resource.Create("items", items));
        var tables = run.Schema.GetProperty("tables").EnumerateObject().Where(t => !t.Name.StartsWith("_dlt", StringComparison.Ordinal)).ToList();
        var schema = string.Join("\n", tables.Select(t => $"{t.Name}: {t.Value.GetProperty("columns").GetRawText()}"));
        var rows = tables
            .SelectMany(t => run.Rows(t.Name).Select(r => t.Name + ":" + string.Join(",", r.Where(c => c.Value is not null && c.Key is not "_dlt_id" and not "_dlt_parent_id" and not "_dlt_load_id").OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={JsonSerializer.Serialize(c.Value)}"))))
            .Order(StringComparer.Ordinal)
            .ToList();
        return (schema, rows);
    }
}
