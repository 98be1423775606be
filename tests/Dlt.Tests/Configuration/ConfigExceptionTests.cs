using Dlt.DuckDb;

namespace Dlt.Tests.Configuration;

/// <summary>Invalid values fail the pipeline before anything is extracted, all of them in one exception.</summary>
public sealed class ConfigExceptionTests
{
    [Fact]
    public void Every_invalid_value_is_listed_with_its_key_origin_and_expected_type()
    {
        // Given a wrong type, an unknown mode and a negative worker count in two providers
        using var project = new ConfigProject();
        project.ConfigToml("""
            [extract]
            workers = "many"
            next_item_mode = "random"
            """).Env("NORMALIZE__WORKERS", "-1");

        // When
        var error = Assert.Throws<ConfigException>(() => project.CreatePipeline());

        // Then
        Assert.Equal(
            $"""
            The configuration is invalid (3 problems):
            - extract.workers from config.toml ({project.ConfigTomlPath}): got "many", expected an integer >= 1
            - extract.next_item_mode from config.toml ({project.ConfigTomlPath}): got "random", expected one of round_robin, fifo
            - normalize.workers from environment variable NORMALIZE__WORKERS: got "-1", expected an integer >= 1
            Fix or remove these values; docs/configuration.md lists every key, its type and its default.
            """.ReplaceLineEndings("\n"),
            error.Message);
        Assert.Equal(3, error.Problems.Count);
        Assert.Equal("extract.workers", error.Problems[0].Key);
    }

    [Fact]
    public void The_full_key_includes_the_pipeline_section_and_the_host_key()
    {
        using var project = new ConfigProject();
        project.ConfigToml("[cfg_pipeline.load]\nraise_on_failed_jobs = \"maybe\"\n").Host("runtime:log_level", "LOUD");

        var error = Assert.Throws<ConfigException>(() => project.CreatePipeline());

        Assert.Equal(
            [
                "runtime.log_level from IConfiguration key 'runtime:log_level': got \"LOUD\", expected one of DEBUG, INFO, WARNING, WARN, ERROR, CRITICAL",
                $"cfg_pipeline.load.raise_on_failed_jobs from config.toml ({project.ConfigTomlPath}): got \"maybe\", expected a boolean (true or false)",
            ],
            error.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Invalid_destination_settings_are_listed_with_the_others()
    {
        using var project = new ConfigProject();
        project.ConfigToml("""
            [load]
            workers = 0

            [destination.duckdb]
            threads = 0
            memory_limit = "lots"
            """);

        var error = Assert.Throws<ConfigException>(() => project.CreatePipeline());

        Assert.Equal(["load.workers", "destination.duckdb.threads", "destination.duckdb.memory_limit"], error.Problems.Select(p => p.Key));
        Assert.Contains("expected a size such as \"2GB\" or \"512MB\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_TOML_syntax_error_names_the_file_and_the_position()
    {
        using var project = new ConfigProject();
        project.ConfigToml("[extract]\nworkers = \n");

        var error = Assert.Throws<ConfigException>(() => project.CreatePipeline());

        var problem = Assert.Single(error.Problems);
        Assert.Equal($"config.toml ({project.ConfigTomlPath}) is not valid TOML: (2,11) : error : Missing value after `=`.", problem.ToString());
    }

    [Fact]
    public async Task An_invalid_resource_scoped_value_fails_the_run_before_any_item_is_read()
    {
        // Given a resource-scoped writer key with a wrong value and a resource that records being read
        using var project = new ConfigProject();
        project.ConfigToml("""
            [sources.shop.resources.orders.data_writer]
            file_max_items = -5

            [sources.shop.resources.orders.extract]
            next_item_mode = "lifo"
            """);
        var pipeline = project.CreatePipeline();
        var read = false;
        IEnumerable<object> Items()
        {
            read = true;
            yield return new { id = 1 };
        }

        // When
        var error = await Assert.ThrowsAsync<ConfigException>(() => pipeline.RunAsync(Source.Create("shop", Resource.Create("orders", Items()))));

        // Then
        Assert.False(read);
        Assert.Equal(["sources.shop.resources.orders.extract.next_item_mode", "sources.shop.resources.orders.data_writer.file_max_items"], error.Problems.Select(p => p.Key));
        Assert.False(Directory.Exists(Path.Combine(pipeline.WorkingDirectory, "normalize", "extracted")) &&
                     Directory.EnumerateFileSystemEntries(Path.Combine(pipeline.WorkingDirectory, "normalize", "extracted")).Any());
    }

    [Fact]
    public void A_DuckDB_path_given_in_code_ignores_the_configured_credentials_and_options_in_code_ignore_the_configured_ones()
    {
        using var project = new ConfigProject();
        project.ConfigToml("[destination.duckdb]\ncredentials = \"other.duckdb\"\nthreads = 3\n");
        var path = Path.Combine(project.Root, "mine.duckdb");

        var pipeline = project.CreatePipeline(destination: DuckDbDestination.Create(path, new DuckDbOptions { Threads = 1, MemoryLimit = "1GB" }));

        var duckdb = (DuckDbDestination)pipeline.Destination;
        Assert.Equal(path, duckdb.DatabasePath);
        Assert.Equal(1, duckdb.Options.Threads);
        Assert.Equal("1GB", duckdb.Options.MemoryLimit);
    }
}
