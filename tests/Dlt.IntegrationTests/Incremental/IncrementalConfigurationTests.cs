using Dlt.IntegrationTests.Support;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Incremental;

/// <summary>
/// An incremental's settings from configuration, as dlt injects a resource's incremental argument:
/// <c>[sources.&lt;section&gt;.&lt;resource&gt;.&lt;argument&gt;]</c> keys override the values given in code
/// (tests/extract/test_incremental.py, test_optional_incremental_from_config and test_override_initial_value_from_config).
/// </summary>
public sealed class IncrementalConfigurationTests
{
    private static IEnumerable<System.Text.Json.JsonElement> Items(int count) =>
        Json.Items([.. Enumerable.Range(1, count).Select(i => $$"""{"id": {{i}}, "seq": {{i}}, "ts": "2024-01-{{i:00}}T00:00:00Z"}""")]);

    private static Resource Ticks(string name, int count) => Resource.Create(name, Items(count));

    private static List<object?> Ids(TestDestination destination, string table)
    {
        using var db = destination.OpenReader();
        return [.. db.Query($"SELECT id FROM {db.Table(table)} ORDER BY id").Select(r => r[0])];
    }

    private static void WriteConfigToml(TestDestination destination, string toml)
    {
        Directory.CreateDirectory(Path.Combine(destination.Root, ".dlt"));
        File.WriteAllText(Path.Combine(destination.Root, ".dlt", "config.toml"), toml);
    }

    private static Pipeline CreatePipeline(TestDestination destination, Dictionary<string, string>? environment = null)
    {
        environment ??= [];
        environment["DLT_PROJECT_DIR"] = destination.Root;
        return destination.CreatePipeline(options => options with { EnvironmentVariables = environment });
    }

    [Fact]
    public async Task Config_toml_under_the_resource_section_overrides_the_cursor_path_and_initial_value_given_in_code()
    {
        using var destination = TestDestination.Create(TestDestination.DuckDb);
        WriteConfigToml(destination, """
            [sources.events.ticks.incremental]
            cursor_path = "seq"
            initial_value = 3
            range_start = "open"
            """);
        long? seen = null;
        var ticks = Resource.Create("ticks", context =>
            {
                seen = context.Incremental<long>().StartValue;
                return Items(6);
            })
            .WithIncremental(new Incremental<long>("not_in_the_data") { InitialValue = 1 });

        await CreatePipeline(destination).RunAsync(Source.Create("events", ticks));

        Assert.Equal(3L, seen);
        Assert.Equal([4L, 5L, 6L], Ids(destination, "ticks"));
    }

    [Fact]
    public async Task Environment_variables_win_over_config_toml_and_an_incremental_named_after_dlts_argument_reads_its_section()
    {
        using var destination = TestDestination.Create(TestDestination.DuckDb);
        WriteConfigToml(destination, """
            [sources.events.ticks.updated_at]
            initial_value = 2024-01-02T00:00:00Z
            end_value = 2024-01-09T00:00:00Z
            """);
        var environment = new Dictionary<string, string>
        {
            ["SOURCES__EVENTS__TICKS__UPDATED_AT__INITIAL_VALUE"] = "2024-01-04T00:00:00Z",
            ["SOURCES__EVENTS__TICKS__UPDATED_AT__RANGE_END"] = "closed",
        };
        var ticks = Ticks("ticks", 10).WithIncremental(new Incremental<DateTimeOffset>("ts") { ConfigSection = "updated_at" });

        await CreatePipeline(destination, environment).RunAsync(Source.Create("events", ticks));

        // From the 4th (the environment) to the 9th (config.toml's end value, in the closed range the environment asks for).
        Assert.Equal([4L, 5L, 6L, 7L, 8L, 9L], Ids(destination, "ticks"));
    }

    [Fact]
    public async Task The_short_form_without_sections_is_found_as_dlt_finds_it()
    {
        using var destination = TestDestination.Create(TestDestination.DuckDb);
        var environment = new Dictionary<string, string> { ["INCREMENTAL__INITIAL_VALUE"] = "5" };

        await CreatePipeline(destination, environment).RunAsync(Ticks("ticks", 7).WithIncremental(new Incremental<long>("seq")));

        Assert.Equal([5L, 6L, 7L], Ids(destination, "ticks"));
    }

    [Fact]
    public async Task An_invalid_value_fails_before_extract_naming_the_key_and_where_it_came_from()
    {
        using var destination = TestDestination.Create(TestDestination.DuckDb);
        WriteConfigToml(destination, """
            [sources.events.ticks.incremental]
            initial_value = "soon"
            row_order = "sideways"
            """);
        var pipeline = CreatePipeline(destination);

        var error = await Assert.ThrowsAsync<ConfigException>(() =>
            pipeline.RunAsync(Source.Create("events", Ticks("ticks", 3).WithIncremental(new Incremental<long>("seq")))));

        Assert.Contains("sources.events.ticks.incremental.initial_value from config.toml", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected a value of the cursor's type, Int64", error.Message, StringComparison.Ordinal);
        Assert.Contains("sources.events.ticks.incremental.row_order from config.toml", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(pipeline.WorkingDirectory, "normalize", "extracted")) && Directory.EnumerateDirectories(Path.Combine(pipeline.WorkingDirectory, "normalize", "extracted")).Any());
    }
}
