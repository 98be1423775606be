using System.Diagnostics;
using Dlt.Bench.Results;
using Dlt.Bench.Workloads;

namespace Dlt.Bench.Runner;

/// <summary>The parent: runs the selected workloads in order, then prints and writes the results.</summary>
internal static class BenchRunner
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var unknown = options.Only?.Where(name => WorkloadCatalog.All.All(w => w.Name != name)).ToList() ?? [];
        if (unknown.Count > 0)
        {
            await Console.Error.WriteLineAsync($"unknown workload(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", WorkloadCatalog.All.Select(w => w.Name))}").ConfigureAwait(false);
            return 2;
        }

        var machine = ResultWriter.Machine(options.Quick);
        BenchContext.Log($"dlt for .NET bench: {machine}");
        BenchContext.Log($"work dir: {options.WorkDirectory}");
        Directory.CreateDirectory(options.WorkDirectory);
        var context = new BenchContext(options);
        var rows = new List<ResultRow>();
        var stopwatch = Stopwatch.StartNew();
        try
        {
            foreach (var workload in WorkloadCatalog.All.Where(w => options.Only?.Contains(w.Name) ?? true))
            {
                BenchContext.Log($"{workload.Name} ({stopwatch.Elapsed.TotalSeconds:0} s elapsed)");
                rows.AddRange(await workload.RunAsync(context).ConfigureAwait(false));
            }
        }
        finally
        {
            if (!options.Keep && Directory.Exists(options.WorkDirectory))
            {
                Directory.Delete(options.WorkDirectory, recursive: true);
            }
        }

        var markdown = ResultWriter.Markdown(rows);
        ResultWriter.WriteJson(options.OutputPath, rows);
        ResultWriter.WriteMarkdown(Path.ChangeExtension(options.OutputPath, ".md"), $"{machine}\n\n{markdown}");
        BenchContext.Log("");
        BenchContext.Log(machine);
        BenchContext.Log("");
        BenchContext.Log(markdown);
        BenchContext.Log($"results: {options.OutputPath} (and .md); {rows.Count} rows, {context.Failures} failed; bench took {stopwatch.Elapsed.TotalSeconds:0} s");
        return context.Failures == 0 ? 0 : 1;
    }
}
