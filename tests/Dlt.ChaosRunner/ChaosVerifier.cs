using System.Globalization;
using Dlt.TestKit;

namespace Dlt.ChaosRunner;

/// <summary>The rows per table a dataset holds, and what is wrong with it and with the working dir.</summary>
public sealed record ChaosReport(IReadOnlyDictionary<string, long> Rows, IReadOnlyList<string> Problems)
{
    public bool Ok => Problems.Count == 0;

    public string RowsText => string.Join(" ", Rows.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={r.Value}"));
}

/// <summary>
/// Checks that a dataset holds exactly one copy of the chaos load: each table has the rows of the
/// reference (a clean run, or the generator's counts), no <c>_dlt_id</c> twice, no child row without
/// its parent, <c>_dlt_loads</c> lists each package once and every load id of the data, on PostgreSQL
/// each table has its one <c>_dlt_id</c> UNIQUE constraint; and that the
/// working dir holds nothing pending or half written, only completed packages, each loaded.
/// </summary>
public static class ChaosVerifier
{
    /// <summary>The child tables of the chaos data and their parents.</summary>
    private static readonly (string Child, string Parent)[] s_links =
    [
        ("customers__tags", "customers"),
        ("orders__lines", "orders"),
        ("orders__lines__discounts", "orders__lines"),
        ("events__payload__values", "events"),
    ];

    private static readonly string[] s_roots = ["customers", "orders", "events", "_dlt_pipeline_state"];

    /// <summary>The loader's record of the jobs it committed, one row per job.</summary>
    private const string CompletedJobs = "_dlt_completed_jobs";

    /// <param name="target">The trial's pipeline and dataset.</param>
    /// <param name="reference">Rows per table of a clean run (system tables included); every table must match, and no other may exist.</param>
    /// <param name="packages">Packages the trial loads (one per run that extracted).</param>
    public static ChaosReport Verify(ChaosTarget target, IReadOnlyDictionary<string, long> reference, int packages = 1)
    {
        var problems = new List<string>();
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        var loadIds = new List<string>();
        using (var db = target.OpenReader())
        {
            var tables = db.Tables();
            foreach (var table in tables)
            {
                var counts = db.Query($"SELECT count(*), count(DISTINCT {IdColumn(table)}) FROM {db.Table(table)}")[0];
                var (total, distinct) = (Long(counts[0]), Long(counts[1]));
                rows[table] = total;
                if (distinct != total)
                {
                    problems.Add($"{table}: {distinct} distinct {IdColumn(table)} in {total} rows");
                }

                if (table == CompletedJobs)
                {
                    // One row per job: how many depends on how normalize split the files, not on exactly-once.
                    continue;
                }

                if (target.Destination == ChaosTarget.Postgres && IdColumn(table) == "_dlt_id")
                {
                    // dlt's create_indexes: a created table gets its constraint when its package completes, also after a kill.
                    var constraints = Long(db.Scalar($"SELECT count(*) FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) WHERE c.contype = 'u' AND c.conrelid = '{db.Table(table)}'::regclass AND a.attname = '_dlt_id'"));
                    if (constraints != 1)
                    {
                        problems.Add($"{table}: {constraints} UNIQUE constraint(s) on _dlt_id, expected 1");
                    }
                }

                if (!reference.TryGetValue(table, out var expected))
                {
                    problems.Add($"{table}: a table the clean run does not have ({total} rows)");
                }
                else if (expected != total)
                {
                    problems.Add($"{table}: {total} rows, the clean run has {expected}");
                }
            }

            problems.AddRange(reference.Keys.Except(tables, StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(t => $"{t}: missing (the clean run has {reference[t]} rows)"));
            if (tables.Contains("_dlt_loads"))
            {
                loadIds.AddRange(db.Query($"SELECT load_id FROM {db.Table("_dlt_loads")} WHERE status = 0 ORDER BY load_id").Select(r => (string)r[0]!));
                if (loadIds.Count != packages)
                {
                    problems.Add($"_dlt_loads: {loadIds.Count} loaded package(s) ({string.Join(", ", loadIds)}), expected {packages}");
                }

                var inLoads = $"SELECT load_id FROM {db.Table("_dlt_loads")} WHERE status = 0";
                foreach (var root in s_roots.Where(tables.Contains))
                {
                    foreach (var orphan in db.Query($"SELECT DISTINCT _dlt_load_id FROM {db.Table(root)} WHERE _dlt_load_id NOT IN ({inLoads})"))
                    {
                        problems.Add($"{root}: rows of load id {orphan[0]}, which _dlt_loads does not list");
                    }
                }
            }

            foreach (var (child, parent) in s_links.Where(l => tables.Contains(l.Child) && tables.Contains(l.Parent)))
            {
                var orphans = Long(db.Scalar($"SELECT count(*) FROM {db.Table(child)} c WHERE NOT EXISTS (SELECT 1 FROM {db.Table(parent)} p WHERE p._dlt_id = c._dlt_parent_id)"));
                if (orphans > 0)
                {
                    problems.Add($"{child}: {orphans} rows whose parent is not in {parent}");
                }
            }
        }

        problems.AddRange(CheckWorkingDirectory(target.WorkingDirectory, loadIds));
        return new ChaosReport(rows, problems);
    }

    /// <summary>Nothing pending, nothing half written: only completed packages, each loaded, and the ones <c>_dlt_loads</c> lists.</summary>
    public static IEnumerable<string> CheckWorkingDirectory(string workingDirectory, IReadOnlyList<string> loadIds)
    {
        var disk = ChaosDisk.Read(workingDirectory);
        foreach (var id in disk.Extracted)
        {
            yield return $"working dir: package {id} still in normalize/extracted";
        }

        foreach (var id in disk.New)
        {
            yield return $"working dir: half-normalized package {id} left in load/new";
        }

        foreach (var id in disk.Normalized)
        {
            yield return $"working dir: package {id} still in load/normalized";
        }

        foreach (var id in disk.NormalizeAborted)
        {
            yield return $"working dir: package {id} set aside in normalize/aborted";
        }

        foreach (var temp in disk.TempFolders)
        {
            yield return $"working dir: temp folder normalize/{temp} left behind";
        }

        foreach (var id in disk.Loaded)
        {
            var package = Path.Combine(workingDirectory, "load", "loaded", id);
            var marker = Path.Combine(package, "package_completed.json");
            var state = File.Exists(marker) ? File.ReadAllText(marker).Trim().Trim('"') : "(no package_completed.json)";
            if (state != "loaded")
            {
                yield return $"working dir: completed package {id} is {state}";
            }

            foreach (var folder in new[] { "new_jobs", "started_jobs", "failed_jobs" })
            {
                var path = Path.Combine(package, folder);
                if (Directory.Exists(path) && Directory.GetFiles(path).Length > 0)
                {
                    yield return $"working dir: completed package {id} has {Directory.GetFiles(path).Length} file(s) in {folder}";
                }
            }
        }

        // state.json follows the newest loaded package; a run killed between completing a load and saving
        // state.json leaves the package's own copy, which the next call adopts before anything else.
        var newestLoaded = disk.Loaded.Order(StringComparer.Ordinal).LastOrDefault();
        if (!disk.StateFile && (newestLoaded is null || !File.Exists(Path.Combine(workingDirectory, "load", "loaded", newestLoaded, "pipeline_state.json"))))
        {
            yield return "working dir: no state.json and no loaded package carrying the state (the pipeline state was never saved, so the next run extracts the state row again)";
        }

        var missing = loadIds.Except(disk.Loaded, StringComparer.Ordinal).ToList();
        var extra = disk.Loaded.Except(loadIds, StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            yield return $"working dir: load/loaded holds [{string.Join(", ", disk.Loaded)}], _dlt_loads lists [{string.Join(", ", loadIds)}]";
        }
    }

    private static string IdColumn(string table) => table switch
    {
        "_dlt_loads" => "load_id",
        CompletedJobs => "load_id || '/' || job_id",
        "_dlt_version" => "version_hash",
        _ => "_dlt_id",
    };

    private static long Long(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}
