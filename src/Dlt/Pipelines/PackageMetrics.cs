using Dlt.Storage;

namespace Dlt.Pipelines;

/// <summary>Builds the <see cref="TracePackage"/> of a step from the files a package holds on disk.</summary>
internal static class PackageMetrics
{
    /// <summary>
    /// The files in <paramref name="jobsFolder"/> per table, with <paramref name="items"/> per table,
    /// and per resource when <paramref name="resources"/> (items per table of each resource) is given.
    /// </summary>
    public static TracePackage Written(string loadId, string schemaName, string jobsFolder, IReadOnlyDictionary<string, long> items, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>? resources = null)
    {
        var jobs = Files(jobsFolder, "new", items.Keys);
        var tables = new Dictionary<string, TraceTable>(StringComparer.Ordinal);
        foreach (var table in items.Keys.Union(jobs.Select(j => j.TableName)).Order(StringComparer.Ordinal))
        {
            var files = jobs.Where(j => j.TableName == table).ToList();
            tables[table] = new TraceTable(items.GetValueOrDefault(table), files.Count, files.Sum(f => f.FileSize));
        }

        var perResource = (resources ?? new Dictionary<string, IReadOnlyDictionary<string, long>>()).ToDictionary(
            r => r.Key,
            r => new TraceResource(
                r.Value.Values.Sum(),
                r.Value.Keys.Sum(t => tables.TryGetValue(t, out var table) ? table.Files : 0),
                r.Value.Keys.Sum(t => tables.TryGetValue(t, out var table) ? table.Bytes : 0))
            { Tables = r.Value },
            StringComparer.Ordinal);
        return new TracePackage(loadId, schemaName) { Tables = tables, Resources = perResource, Jobs = jobs };
    }

    /// <summary>The jobs of a loaded package: those in <c>completed_jobs</c> and <c>failed_jobs</c>, with the timings measured.</summary>
    public static TracePackage Loaded(string loadId, string schemaName, string state, string packageFolder, IReadOnlyDictionary<string, (DateTimeOffset Started, DateTimeOffset Finished)> timings, IEnumerable<string> tableNames)
    {
        var jobs = new List<TraceJob>();
        foreach (var (folder, jobState) in new[] { (PackageFolders.CompletedJobs, "completed"), (PackageFolders.FailedJobs, "failed") })
        {
            foreach (var job in Files(Path.Combine(packageFolder, folder), jobState, tableNames))
            {
                var failure = Path.Combine(packageFolder, folder, job.JobId + ".exception");
                var timed = timings.TryGetValue(JobFileName.Parse(job.JobId).JobId, out var t);
                jobs.Add(job with
                {
                    StartedAt = timed ? t.Started : null,
                    FinishedAt = timed ? t.Finished : null,
                    Exception = File.Exists(failure) ? File.ReadAllText(failure) : null,
                });
            }
        }

        var tables = jobs.GroupBy(j => j.TableName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new TraceTable(0, g.Count(), g.Sum(j => j.FileSize)), StringComparer.Ordinal);
        return new TracePackage(loadId, schemaName) { Tables = tables, Jobs = jobs, State = state };
    }

    private static List<TraceJob> Files(string folder, string state, IEnumerable<string> tables)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var tableNames = new JobFileTables(tables);
        return [.. new DirectoryInfo(folder).GetFiles()
            .Where(f => !f.Name.EndsWith(".exception", StringComparison.Ordinal))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => new TraceJob(f.Name, JobFileName.Parse(f.Name, tableNames).Table, f.Length, state))];
    }
}
