using Dlt.DuckDb;
using Dlt.Postgres;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Cli;

/// <summary><c>dlt pipeline &lt;name&gt; show</c>, in process: the dataset's tables with row counts and first rows, from DuckDB and PostgreSQL.</summary>
public sealed class CliShowTests : IDisposable
{
    private readonly TempPipelineDirectory _dir = new();
    private readonly string _dataset = TestPostgres.UniqueDataset("show");

    private PipelineOptions Options => new() { PipelinesDirectory = Path.Combine(_dir.Root, "data", "pipelines") };

    private static Resource[] Items() =>
    [
        Resource.Create("orders", Enumerable.Range(1, 8).Select(i => new { id = i, customer = $"customer {i}", lines = new[] { new { sku = "A" }, new { sku = "B" } } })),
        Resource.Create("notes", [new { id = 1, text = new string('x', 100) }]),
    ];

    [Fact]
    public async Task Show_prints_row_counts_and_the_first_rows_of_each_duckdb_table()
    {
        await Pipeline.Create("shop", DuckDbDestination.Create(Path.Combine(_dir.Root, "shop.duckdb")), "shop_data", Options).RunAsync(Items());

        var show = await CliInProcess.RunAsync(_dir.Root, "pipeline", "shop", "show", "--rows", "3");
        var one = await CliInProcess.RunAsync(_dir.Root, "pipeline", "shop", "show", "--table", "notes");
        var missing = await CliInProcess.RunAsync(_dir.Root, "pipeline", "shop", "show", "--table", "nope");

        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.StartsWith($"Dataset shop_data (duckdb {Path.Combine(_dir.Root, "shop.duckdb")}): 3 table(s)\n", show.Output, StringComparison.Ordinal);
        Assert.Matches(@"\bnotes\s*\W\s*1\b", show.Output);
        Assert.Matches(@"\borders\s*\W\s*8\b", show.Output);
        Assert.Matches(@"\borders__lines\s*\W\s*16\b", show.Output);
        Assert.Contains("orders (first 3 row(s)):", show.Output, StringComparison.Ordinal);
        Assert.Contains("customer 3", show.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("customer 4", show.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("_dlt_id", show.Output, StringComparison.Ordinal);
        Assert.Contains(new string('x', 39) + "…", show.Output, StringComparison.Ordinal);
        Assert.Contains("notes (first 5 row(s)):", one.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("orders (first", one.Output, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("dlt: error: Dataset shop_data has no table 'nope'. Its tables: notes, orders, orders__lines.", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_reads_postgres_with_the_credentials_of_the_configuration()
    {
        await Pipeline.Create("shop", PostgresDestination.Create(TestPostgres.ConnectionString), _dataset, Options).RunAsync(Items());
        var environment = new Dictionary<string, string> { ["DESTINATION__POSTGRES__CREDENTIALS"] = TestPostgres.ConnectionString };

        var show = await CliInProcess.RunAsync(_dir.Root, ["pipeline", "shop", "show", "-v"], environment: environment);

        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.StartsWith($"Dataset {_dataset} (postgres ", show.Output, StringComparison.Ordinal);
        Assert.Matches(@"\borders__lines\s*\W\s*16\b", show.Output);
        Assert.Matches(@"\b_dlt_loads\s*\W\s*1\b", show.Output);
        Assert.Contains("_dlt_id", show.Output, StringComparison.Ordinal);
        Assert.Contains("customer 5", show.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        TestPostgres.DropSchema(_dataset);
        _dir.Dispose();
    }
}
