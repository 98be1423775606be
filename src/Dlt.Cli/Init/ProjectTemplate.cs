using System.Reflection;

namespace Dlt.Cli.Init;

/// <summary>The files <c>dlt init</c> writes for a source template and a destination.</summary>
internal sealed class ProjectTemplate
{
    /// <summary>The source templates.</summary>
    public static readonly IReadOnlyList<string> Sources = ["default"];

    /// <summary>The destinations a template can load into.</summary>
    public static readonly IReadOnlyList<string> Destinations = ["duckdb", "postgres"];

    private ProjectTemplate(IReadOnlyDictionary<string, string> files, string nextSteps)
    {
        Files = files;
        NextSteps = nextSteps;
    }

    /// <summary>File contents by path relative to the project folder.</summary>
    public IReadOnlyDictionary<string, string> Files { get; }

    /// <summary>What to do next, printed after the files are written.</summary>
    public string NextSteps { get; }

    public static string DescribeSource(string source) => source switch
    {
        _ => "a resource in C# that yields nested records (players and their games): replace it with your own data",
    };

    public static ProjectTemplate Create(string source, string destination)
    {
        if (!Sources.Contains(source))
        {
            throw new CliException($"Unknown source template '{source}': use one of {string.Join(", ", Sources)} (dlt init --list-sources).");
        }

        if (!Destinations.Contains(destination))
        {
            throw new CliException($"Unknown destination '{destination}': use one of {string.Join(", ", Destinations)}.");
        }

        var pipelineName = source + "_pipeline";
        var package = destination == "duckdb" ? "Dlt.DuckDb" : "Dlt.Postgres";
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [pipelineName + ".csproj"] = Project(package),
            ["Program.cs"] = Program(source, destination, pipelineName),
            [".dlt/config.toml"] = Config(destination),
            [".dlt/secrets.toml"] = Secrets(destination, pipelineName),
            [".gitignore"] = "bin/\nobj/\n.dlt/secrets.toml\n*.duckdb\n*.duckdb.wal\n",
        };
        var credentials = destination == "postgres" ? "Put the PostgreSQL credentials in .dlt/secrets.toml, then run" : "Run";
        return new ProjectTemplate(files, $"{credentials}: dotnet run");
    }

    /// <summary>The version of the packages the project references: this tool's own (they are released together).</summary>
    private static string PackageVersion()
    {
        var version = typeof(ProjectTemplate).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.1.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }

    private static string Project(string package) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <!-- A pipeline run is a process that exits: .NET's dynamic PGO costs it more than it gains (docs/performance.md, "JIT and tiering"). -->
            <TieredPGO>false</TieredPGO>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="{package}" Version="{PackageVersion()}" />
          </ItemGroup>
        </Project>

        """;

    private static string Program(string source, string destination, string pipelineName)
    {
        var (usingLine, create) = destination == "duckdb"
            ? ("using Dlt.DuckDb;", "var destination = DuckDbDestination.Create();   // the file " + pipelineName + ".duckdb, or destination.duckdb.credentials")
            : ("using Dlt.Postgres;", "await using var destination = PostgresDestination.Create();   // destination.postgres.credentials in .dlt/secrets.toml");
        return $$"""
            using Dlt;
            {{usingLine}}

            // A dlt pipeline: extracts the resources below, normalizes nested data into tables and loads them.
            // Settings come from .dlt/config.toml, .dlt/secrets.toml and environment variables.
            {{create}}
            var pipeline = Pipeline.Create("{{pipelineName}}", destination, "{{source}}_data");

            var players = Resource.Create("players", Players())
                .WithPrimaryKey("id")
                .WithWriteDisposition(WriteDisposition.Merge);

            LoadInfo info = await pipeline.RunAsync(Source.Create("{{source}}", players));
            Console.WriteLine(info);

            // Replace this with your own data: any IEnumerable<T> or IAsyncEnumerable<T> of objects (or pages of them).
            // Nested lists become child tables: players__games here.
            static IEnumerable<object> Players()
            {
                yield return new { id = 1, name = "Magnus Carlsen", country = "NO", games = new[] { new { opponent = "Hikaru Nakamura", result = "win" } } };
                yield return new { id = 2, name = "Hikaru Nakamura", country = "US", games = new[] { new { opponent = "Magnus Carlsen", result = "loss" }, new { opponent = "Ding Liren", result = "draw" } } };
            }

            """;
    }

    private static string Config(string destination) => $"""
        # Configuration of the pipeline (dlt's keys and sections; see docs/configuration.md).
        [runtime]
        log_level = "WARNING"

        [normalize]
        workers = 3

        {(destination == "duckdb" ? "[destination.duckdb]\nthreads = 4" : "[load]\nworkers = 20")}

        """;

    private static string Secrets(string destination, string pipelineName) => destination == "duckdb"
        ? $"""
            # Secrets of the pipeline: keep this file out of version control.
            [destination.duckdb]
            credentials = "{pipelineName}.duckdb"

            """
        : """
            # Secrets of the pipeline: keep this file out of version control.
            [destination.postgres.credentials]
            host = "localhost"
            port = 5432
            database = "dlt_data"
            username = "loader"
            password = "<configure me>"

            """;
}
