using Dlt.DuckDb;
using Dlt.Postgres;
using Dlt.TestKit;

namespace Dlt.ChaosRunner;

/// <summary>
/// Where one trial's pipeline lives and loads: its pipelines dir, and a DuckDB file or a PostgreSQL
/// dataset (the connection string from <c>DLT_TEST_POSTGRES</c>, never on the command line).
/// </summary>
public sealed record ChaosTarget(string Destination, string PipelinesDirectory, string Dataset, string? DatabasePath)
{
    public const string DuckDb = "duckdb";
    public const string Postgres = "postgres";
    public const string PipelineName = "chaos";

    public string WorkingDirectory => Path.Combine(PipelinesDirectory, PipelineName);

    /// <summary>A fresh target under <paramref name="root"/>; a PostgreSQL dataset named after the folder.</summary>
    public static ChaosTarget Create(string destination, string root, string name) => destination switch
    {
        DuckDb => new ChaosTarget(DuckDb, Path.Combine(root, name, "pipelines"), "chaos_data", Path.Combine(root, name, "chaos.duckdb")),
        Postgres => new ChaosTarget(Postgres, Path.Combine(root, name, "pipelines"), $"chaos_{name}_{Guid.NewGuid().ToString("N")[..8]}", null),
        _ => throw new ArgumentOutOfRangeException(nameof(destination), destination, $"Unknown destination; use {DuckDb} or {Postgres}."),
    };

    /// <summary>The command-line arguments that name this target.</summary>
    public IEnumerable<string> Arguments()
    {
        yield return "--destination";
        yield return Destination;
        yield return "--pipelines-dir";
        yield return PipelinesDirectory;
        yield return "--dataset";
        yield return Dataset;
        if (DatabasePath is not null)
        {
            yield return "--database";
            yield return DatabasePath;
        }
    }

    public Destination CreateDestination() => Destination switch
    {
        DuckDb => DuckDbDestination.Create(DatabasePath!, new DuckDbOptions { Threads = 2, MemoryLimit = "512MB" }),
        _ => PostgresDestination.Create(TestPostgres.ConnectionString),
    };

    public IDatasetReader OpenReader() => Destination == DuckDb
        ? new DuckDbReader(DatabasePath!, Dataset)
        : new PostgresReader(TestPostgres.ConnectionString, Dataset);

    /// <summary>Deletes the trial's folder and, on PostgreSQL, its dataset.</summary>
    public void Delete()
    {
        if (Destination == Postgres)
        {
            TestPostgres.DropSchema(Dataset);
        }

        var root = Path.GetDirectoryName(PipelinesDirectory)!;
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
