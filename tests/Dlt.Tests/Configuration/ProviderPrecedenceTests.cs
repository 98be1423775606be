namespace Dlt.Tests.Configuration;

/// <summary>Explicit values in code > IConfiguration > environment > secrets.toml > config.toml > defaults; project files over ~/.dlt.</summary>
public sealed class ProviderPrecedenceTests
{
    [Theory]
    [InlineData("code", 6)]
    [InlineData("IConfiguration", 5)]
    [InlineData("environment", 4)]
    [InlineData("secrets.toml", 3)]
    [InlineData("config.toml", 2)]
    [InlineData("defaults", 5000)]
    public void The_most_important_provider_that_has_the_key_wins(string mostImportant, int expected)
    {
        // Given buffer_max_items in every provider from the least important up to `mostImportant`
        using var project = new ConfigProject();
        string[] order = ["defaults", "config.toml", "secrets.toml", "environment", "IConfiguration", "code"];
        var options = project.Options;
        foreach (var provider in order.Take(Array.IndexOf(order, mostImportant) + 1))
        {
            switch (provider)
            {
                case "config.toml":
                    project.ConfigToml("[data_writer]\nbuffer_max_items = 2\n");
                    break;
                case "secrets.toml":
                    project.SecretsToml("[data_writer]\nbuffer_max_items = 3\n");
                    break;
                case "environment":
                    project.Env("DATA_WRITER__BUFFER_MAX_ITEMS", "4");
                    break;
                case "IConfiguration":
                    project.Host("data_writer:buffer_max_items", "5");
                    break;
                case "code":
                    break;
            }
        }

        options = mostImportant == "code"
            ? project.Options with { BufferMaxItems = 6 }
            : project.Options;

        // When
        var settings = project.CreatePipeline(options: options).Settings;

        // Then
        Assert.Equal(expected, settings.NormalizeDataWriter.BufferMaxItems);
        Assert.Equal(expected, settings.ExtractDataWriterFor("s", "s", "r").BufferMaxItems);
    }

    [Fact]
    public void A_value_in_code_wins_over_a_more_specific_section_and_the_pipeline_section()
    {
        using var project = new ConfigProject();
        project.ConfigToml("[sources.s.resources.r.data_writer]\nbuffer_max_items = 2\n")
            .Env("CFG_PIPELINE__NORMALIZE__DATA_WRITER__BUFFER_MAX_ITEMS", "3");

        var settings = project.CreatePipeline(options: project.Options with { BufferMaxItems = 7 }).Settings;

        Assert.Equal(7, settings.ExtractDataWriterFor("s", "s", "r").BufferMaxItems);
        Assert.Equal(7, settings.NormalizeDataWriter.BufferMaxItems);
    }

    [Fact]
    public void The_project_files_are_merged_over_the_global_ones_key_by_key()
    {
        // Given ~/.dlt (HOME) with two keys and the project's .dlt with one of them
        using var project = new ConfigProject();
        var home = Path.Combine(project.Root, "home");
        Directory.CreateDirectory(Path.Combine(home, ".dlt"));
        File.WriteAllText(Path.Combine(home, ".dlt", "config.toml"), "[extract]\nworkers = 2\nmax_parallel_items = 7\n");
        project.Env("HOME", home).ConfigToml("[extract]\nworkers = 3\n");

        var settings = project.Settings();

        Assert.Equal(3, settings.Extract.Workers);
        Assert.Equal(7, settings.Extract.MaxParallelItems);
    }

    [Fact]
    public void DLT_CONFIG_FOLDER_names_the_settings_folder()
    {
        using var project = new ConfigProject();
        Directory.CreateDirectory(Path.Combine(project.Root, "settings"));
        File.WriteAllText(Path.Combine(project.Root, "settings", "config.toml"), "[load]\nworkers = 9\n");
        project.Env("DLT_CONFIG_FOLDER", "settings");

        Assert.Equal(9, project.Settings().Load.Workers);
    }

    [Fact]
    public void Environment_variable_names_are_the_sections_and_key_in_upper_case()
    {
        using var project = new ConfigProject();
        project.Env("SOURCES__MY_SOURCE__RESOURCES__MY_RESOURCE__EXTRACT__WORKERS", "11")
            .Env("NORMALIZE__DATA_WRITER__DISABLE_COMPRESSION", "true");

        var settings = project.Settings();

        Assert.Equal(11, settings.ExtractFor("my_source", "my_source", "my_resource").Workers);
        Assert.Equal(5, settings.ExtractFor("my_source", "my_source", "other").Workers);
        Assert.True(settings.NormalizeDataWriter.DisableCompression);
    }

    [Fact]
    public void An_empty_environment_variable_counts_as_unset()
    {
        using var project = new ConfigProject();
        project.ConfigToml("[load]\nworkers = 9\n").Env("LOAD__WORKERS", "");

        Assert.Equal(9, project.Settings().Load.Workers);
    }

    [Fact]
    public void IConfiguration_keys_are_case_insensitive_and_joined_by_colons()
    {
        using var project = new ConfigProject();
        project.Host("Normalize:Workers", "6");

        Assert.Equal(6, project.Settings().Normalize.Workers);
    }
}
