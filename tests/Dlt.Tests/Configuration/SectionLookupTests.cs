namespace Dlt.Tests.Configuration;

/// <summary>Global &lt; source &lt; resource, the pipeline name first, and dlt's module-named layout.</summary>
public sealed class SectionLookupTests
{
    private const string Scoped = """
        [extract]
        workers = 10

        [sources.my_source.extract]
        workers = 20

        [sources.my_source.resources.my_resource.extract]
        workers = 30
        """;

    [Fact]
    public void A_resource_section_wins_over_its_source_which_wins_over_the_global_section()
    {
        using var project = new ConfigProject();
        project.ConfigToml(Scoped);

        var settings = project.Settings();

        Assert.Equal(30, settings.ExtractFor("my_source", "my_source", "my_resource").Workers);
        Assert.Equal(20, settings.ExtractFor("my_source", "my_source", "other_resource").Workers);
        Assert.Equal(10, settings.ExtractFor("other_source", "other_source", "my_resource").Workers);
        Assert.Equal(10, settings.Extract.Workers);
    }

    [Fact]
    public void Keys_missing_in_a_specific_section_fall_back_key_by_key()
    {
        using var project = new ConfigProject();
        project.ConfigToml("""
            [extract]
            max_parallel_items = 40
            next_item_mode = "fifo"

            [sources.s.resources.r.extract]
            workers = 2
            """);

        var extract = project.Settings().ExtractFor("s", "s", "r");

        Assert.Equal(2, extract.Workers);
        Assert.Equal(40, extract.MaxParallelItems);
        Assert.Equal(Dlt.Configuration.NextItemMode.Fifo, extract.NextItemMode);
    }

    [Fact]
    public void The_pipeline_section_is_looked_at_first_even_for_a_less_specific_key()
    {
        // Given a global key under the pipeline name and a resource key without it
        using var project = new ConfigProject();
        project.ConfigToml(Scoped + "\n[cfg_pipeline.extract]\nworkers = 40\n");

        var settings = project.Settings();

        Assert.Equal(40, settings.ExtractFor("my_source", "my_source", "my_resource").Workers);
        Assert.Equal(40, settings.Extract.Workers);
    }

    [Fact]
    public void The_pipeline_section_applies_only_to_that_pipeline()
    {
        using var project = new ConfigProject();
        project.ConfigToml("[other_pipeline.load]\nworkers = 7\n");

        Assert.Equal(20, project.Settings().Load.Workers);
        Assert.Equal(7, project.Settings("other_pipeline").Load.Workers);
    }

    [Fact]
    public void Within_a_pass_a_more_important_provider_wins_over_a_more_specific_section_as_in_dlt()
    {
        // Given the resource's workers in config.toml and the global workers in the environment
        using var project = new ConfigProject();
        project.ConfigToml(Scoped).Env("EXTRACT__WORKERS", "50");

        Assert.Equal(50, project.Settings().ExtractFor("my_source", "my_source", "my_resource").Workers);
    }

    [Fact]
    public void A_source_section_maps_dlts_module_named_layout()
    {
        // Given dlt's layout for a source `github_source` defined in module `github`
        using var project = new ConfigProject();
        project.ConfigToml("""
            [sources.github.extract]
            workers = 2

            [sources.github.github_source.extract]
            max_parallel_items = 3
            """);

        var settings = project.Settings();
        var extract = settings.ExtractFor("github", "github_source", "issues");

        Assert.Equal(2, extract.Workers);
        Assert.Equal(3, extract.MaxParallelItems);
        Assert.Equal(5, settings.ExtractFor("github_source", "github_source", "issues").Workers);
    }

    [Fact]
    public void The_compact_source_layout_comes_after_the_module_section()
    {
        using var project = new ConfigProject();
        project.ConfigToml("""
            [sources.github.extract]
            workers = 2

            [sources.github_source.extract]
            workers = 3
            max_parallel_items = 4
            """);

        var extract = project.Settings().ExtractFor("github", "github_source", "issues");

        Assert.Equal(2, extract.Workers);
        Assert.Equal(4, extract.MaxParallelItems);
    }

    [Fact]
    public void Dlts_resource_layout_under_the_source_section_applies_too()
    {
        using var project = new ConfigProject();
        project.ConfigToml("[sources.shop.orders.extract]\nworkers = 6\n");

        Assert.Equal(6, project.Settings().ExtractFor("shop", "shop", "orders").Workers);
    }

    [Theory]
    [InlineData("[sources.s.resources.r.data_writer]", 1)]
    [InlineData("[sources.s.data_writer]", 2)]
    [InlineData("[sources.data_writer]", 3)]
    [InlineData("[extract.data_writer]", 4)]
    [InlineData("[data_writer]", 5)]
    public void The_extract_writer_reads_resource_source_sources_extract_then_global_sections(string mostSpecific, int expected)
    {
        // Given file_max_items in `mostSpecific` and every less specific writer section
        string[] sections = ["[sources.s.resources.r.data_writer]", "[sources.s.data_writer]", "[sources.data_writer]", "[extract.data_writer]", "[data_writer]"];
        using var project = new ConfigProject();
        var start = Array.IndexOf(sections, mostSpecific);
        project.ConfigToml(string.Join("\n", sections.Skip(start).Select((s, i) => $"{s}\nfile_max_items = {start + i + 1}\n")));

        var writer = project.Settings().ExtractDataWriterFor("s", "s", "r");

        Assert.Equal(expected, writer.FileMaxItems);
    }

    [Fact]
    public void The_normalize_writer_reads_normalize_data_writer_then_data_writer_and_no_extract_section()
    {
        using var project = new ConfigProject();
        project.ConfigToml("""
            [data_writer]
            buffer_max_items = 100
            file_max_items = 1000

            [normalize.data_writer]
            file_max_items = 2000

            [extract.data_writer]
            buffer_max_items = 7
            """);

        var settings = project.Settings();

        Assert.Equal(100, settings.NormalizeDataWriter.BufferMaxItems);
        Assert.Equal(2000, settings.NormalizeDataWriter.FileMaxItems);
        Assert.Equal(7, settings.ExtractDataWriterFor("s", "s", "r").BufferMaxItems);
        Assert.Equal(1000, settings.ExtractDataWriterFor("s", "s", "r").FileMaxItems);
    }

    [Fact]
    public void A_resource_run_without_a_source_is_scoped_by_the_default_schema_name()
    {
        // Given a pipeline `cfg_pipeline` (default schema `cfg`) and a key for resource `r` of source `cfg`
        using var project = new ConfigProject();
        project.ConfigToml("[sources.cfg.resources.r.extract]\nworkers = 9\n");
        var pipeline = project.CreatePipeline();

        Assert.Equal("cfg", pipeline.DefaultSchemaName);
        Assert.Equal(9, pipeline.Settings.ExtractFor(pipeline.DefaultSchemaName, pipeline.DefaultSchemaName, "r").Workers);
    }
}
