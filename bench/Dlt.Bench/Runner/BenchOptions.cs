namespace Dlt.Bench.Runner;

/// <summary>The parent's command line.</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        usage: Dlt.Bench [--quick] [--only workload[,workload...]] [--out path.json] [--work-dir dir] [--keep]
          --quick     smaller sizes (bench/README.md lists them); the full run uses the sizes of issue 4
          --only      run these workloads only: flat, flat_load, nested, io_extract, normalize_scaling,
                      memory, compression, scaling, json_flat, json_nested, merge, ingest,
                      startup, rest_source, progress, scale_out
          --out       the JSON results (default: bench/results/latest.json in the repository);
                      a markdown copy of the table goes beside it (.md)
          --work-dir  where inputs, pipelines and databases go (default: a new folder under the temp dir)
          --keep      keep the work dir (inputs, working dirs, databases) for inspection
        """;

    public bool Quick { get; init; }

    public IReadOnlySet<string>? Only { get; init; }

    public required string OutputPath { get; init; }

    public required string WorkDirectory { get; init; }

    public bool Keep { get; init; }

    /// <summary>Parses the arguments; null when they are not understood.</summary>
    public static BenchOptions? Parse(string[] args)
    {
        var quick = false;
        var keep = false;
        HashSet<string>? only = null;
        string? output = null;
        string? workDirectory = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--keep":
                    keep = true;
                    break;
                case "--only" when i + 1 < args.Length:
                    only = [.. args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                    break;
                case "--out" when i + 1 < args.Length:
                    output = Path.GetFullPath(args[++i]);
                    break;
                case "--work-dir" when i + 1 < args.Length:
                    workDirectory = Path.GetFullPath(args[++i]);
                    break;
                default:
                    return null;
            }
        }

        return new BenchOptions
        {
            Quick = quick,
            Keep = keep,
            Only = only,
            OutputPath = output ?? DefaultOutputPath(),
            WorkDirectory = workDirectory ?? Path.Combine(Path.GetTempPath(), $"dlt-bench-{Environment.ProcessId}"),
        };
    }

    /// <summary><c>bench/results/latest.json</c> of the repository this build came from, else of the current directory.</summary>
    private static string DefaultOutputPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dlt.slnx")))
            {
                return Path.Combine(dir.FullName, "bench", "results", "latest.json");
            }
        }

        return Path.GetFullPath(Path.Combine("bench", "results", "latest.json"));
    }
}
