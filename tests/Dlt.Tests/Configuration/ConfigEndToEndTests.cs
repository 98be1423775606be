using Dlt.DuckDb;
using Dlt.TestKit;
using Dlt.Tests.Support;

namespace Dlt.Tests.Configuration;

/// <summary>Keys in a project's <c>.dlt/config.toml</c> change what a pipeline run does.</summary>
public sealed class ConfigEndToEndTests
{
    private static Resource Rows(string name, int count) =>
        Resource.Create(name, Enumerable.Range(1, count).Select(i => new { id = i, name = "row " + i }));

    [Fact]
    public async Task Data_writer_file_max_items_rotates_the_extracted_files()
    {
        // Given file_max_items = 3 in config.toml
        using var project = new ConfigProject();
        project.ConfigToml("[data_writer]\nfile_max_items = 3\n");
        var pipeline = project.CreatePipeline();

        // When 10 items are extracted
        var loadId = await pipeline.ExtractAsync(Source.Create("shop", Rows("orders", 10)));

        // Then the package holds 4 files for the table (3 + 3 + 3 + 1 items)
        Assert.Equal(4, ExtractedFiles(pipeline, loadId, "orders").Count);
    }

    [Fact]
    public async Task Without_configuration_one_file_is_written_per_table()
    {
        using var project = new ConfigProject();
        var pipeline = project.CreatePipeline();

        var loadId = await pipeline.ExtractAsync(Source.Create("shop", Rows("orders", 10)));

        Assert.Single(ExtractedFiles(pipeline, loadId, "orders"));
    }

    [Fact]
    public async Task Writer_sections_apply_per_resource_and_per_stage()
    {
        // Given rotation for one resource's extract files, no compression for the other's, and normalize rotation
        using var project = new ConfigProject();
        project.ConfigToml("""
            [sources.shop.resources.orders.data_writer]
            file_max_items = 4

            [sources.shop.resources.customers.data_writer]
            disable_compression = true

            [normalize.data_writer]
            file_max_items = 3
            """);
        var pipeline = project.CreatePipeline();

        // When
        var loadId = await pipeline.ExtractAsync(Source.Create("shop", Rows("orders", 10), Rows("customers", 5)));
        var orders = ExtractedFiles(pipeline, loadId, "orders");
        var customers = ExtractedFiles(pipeline, loadId, "customers");
        await pipeline.NormalizeAsync();

        // Then
        Assert.Equal(3, orders.Count);
        Assert.All(orders, f => Assert.EndsWith(".lz4", f, StringComparison.Ordinal));
        var customerFile = Assert.Single(customers);
        Assert.EndsWith(".typed-jsonl", customerFile, StringComparison.Ordinal);
        // Normalize writers rotate at 3 rows (each parallel worker has its own writers, so the file count depends on the split)
        var orderFiles = NormalizedFiles(pipeline, loadId, "orders").Select(f => Dlt.Tests.Support.ParquetRows.Read(f).Count).ToList();
        Assert.All(orderFiles, rows => Assert.InRange(rows, 1, 3));
        Assert.Equal(10, orderFiles.Sum());
        var customerFiles = NormalizedFiles(pipeline, loadId, "customers").Select(f => Dlt.Tests.Support.ParquetRows.Read(f).Count).ToList();
        Assert.Equal([3, 2], customerFiles.Order().Reverse());
    }

    [Fact]
    public async Task Normalize_file_max_bytes_starts_a_new_Parquet_file_once_a_file_reaches_the_size()
    {
        // Given row groups of 2 rows and files of at most 1 byte: every row group closes its file
        using var project = new ConfigProject();
        project.ConfigToml("[normalize.data_writer]\nbuffer_max_items = 2\nfile_max_bytes = 1\n");
        var pipeline = project.CreatePipeline();

        var loadId = await pipeline.ExtractAsync(Source.Create("shop", Rows("orders", 5)));
        await pipeline.NormalizeAsync();

        Assert.Equal(3, NormalizedFiles(pipeline, loadId, "orders").Count);
    }

    [Fact]
    public async Task The_explicit_buffer_size_in_code_keeps_its_effect()
    {
        // Given a normalize buffer of 1 row: every row group flushes, the columns change, a new file starts
        using var project = new ConfigProject();
        var pipeline = project.CreatePipeline(options: project.Options with { BufferMaxItems = 1 });

        var loadId = await pipeline.ExtractAsync([Json.Resource("t", """{"a": 1}""", """{"a": 2, "b": "x"}""")]);
        await pipeline.NormalizeAsync();

        Assert.Equal(2, NormalizedFiles(pipeline, loadId, "t").Count);
    }

    [Fact]
    public async Task A_run_loads_into_the_DuckDB_file_and_with_the_settings_from_the_configuration()
    {
        // Given the DuckDB file, threads and memory limit only in the configuration
        using var project = new ConfigProject();
        project.ConfigToml("""
            [destination.duckdb]
            credentials = "db/shop.duckdb"
            threads = 1
            memory_limit = "256MB"
            """);
        var pipeline = project.CreatePipeline(destination: DuckDbDestination.Create());

        // When
        await pipeline.RunAsync(Source.Create("shop", Rows("orders", 10)));

        // Then
        var duckdb = (DuckDbDestination)pipeline.Destination;
        Assert.Equal(Path.Combine(project.Root, "db", "shop.duckdb"), duckdb.DatabasePath);
        Assert.Equal((1, "256MB"), (duckdb.Options.Threads, duckdb.Options.MemoryLimit));
        using var database = new DuckDbReader(duckdb.DatabasePath, "ds");
        Assert.Equal(10, database.Count("orders"));
    }

    [Fact]
    public async Task The_pipeline_credentials_name_a_file_in_the_working_dir()
    {
        using var project = new ConfigProject();
        project.Env("DESTINATION__DUCKDB__CREDENTIALS", ":pipeline:");
        var pipeline = project.CreatePipeline(destination: DuckDbDestination.Create());

        await pipeline.RunAsync(Source.Create("shop", Rows("orders", 2)));

        Assert.True(File.Exists(Path.Combine(pipeline.WorkingDirectory, ConfigProject.PipelineName + ".duckdb")));
    }

    private static IReadOnlyList<string> ExtractedFiles(Pipeline pipeline, string loadId, string table) =>
        [.. Directory.GetFiles(Path.Combine(pipeline.WorkingDirectory, "normalize", "extracted", loadId, "new_jobs"))
            .Where(f => Path.GetFileName(f).StartsWith(table + ".", StringComparison.Ordinal))];

    private static IReadOnlyList<string> NormalizedFiles(Pipeline pipeline, string loadId, string table) =>
        [.. Directory.GetFiles(Path.Combine(pipeline.WorkingDirectory, "load", "normalized", loadId, "new_jobs"))
            .Where(f => Path.GetFileName(f).StartsWith(table + ".", StringComparison.Ordinal))];
}
