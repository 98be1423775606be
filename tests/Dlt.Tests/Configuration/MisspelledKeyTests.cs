namespace Dlt.Tests.Configuration;

/// <summary>Misspelled keys in dlt's own config sections are warned about once, naming the key, the file and the closest known key (beyond dlt).</summary>
public sealed class MisspelledKeyTests
{
    [Fact]
    public void Misspelled_keys_and_sections_of_dlt_are_warned_about_once_each()
    {
        // Given
        using var project = new ConfigProject().ConfigToml("""
            [extract]
            worker = 2

            [data_writter]
            buffer_max_items = 10

            [sources.shop.normalize.data_writer]
            file_max_item = 5

            [destination.duckdb]
            memory_limt = "1GB"

            [sources.shop]
            api_url = "https://example.com"
            wrokers = 3

            [my_app]
            extrakt = 1
            """);
        var log = new StringWriter();

        // When
        project.CreatePipeline(options: project.Options with { LogOutput = log });

        // Then
        var warnings = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var file = $"config.toml ({project.ConfigTomlPath})";
        Assert.Equal(4, warnings.Length);
        Assert.Contains(warnings, w => w.EndsWith($"Section [data_writter] in {file} is not one dlt reads, so it is ignored. The closest known section is [data_writer].", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.EndsWith($"Key 'memory_limt' of section [destination.duckdb] in {file} is not one dlt reads, so it is ignored. The closest known key is 'memory_limit'.", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.EndsWith($"Key 'worker' of section [extract] in {file} is not one dlt reads, so it is ignored. The closest known key is 'workers'.", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.EndsWith($"Key 'file_max_item' of section [normalize.data_writer] in {file} is not one dlt reads, so it is ignored. The closest known key is 'file_max_items'.", StringComparison.Ordinal));
        Assert.All(warnings, w => Assert.Contains("|[WARNING]|", w, StringComparison.Ordinal));
    }

    [Fact]
    public void Correct_keys_of_dlt_and_keys_of_the_user_give_no_warning()
    {
        // Given
        using var project = new ConfigProject().ConfigToml("""
            [runtime]
            log_level = "WARNING"

            [extract]
            workers = 2

            [normalize.data_writer]
            disable_compression = true

            [cfg_pipeline.load]
            workers = 4

            [sources.shop]
            base_url = "https://example.com"
            page_size = 10
            """);
        var log = new StringWriter();

        // When
        project.CreatePipeline(options: project.Options with { LogOutput = log });

        // Then
        Assert.Equal("", log.ToString());
    }
}
