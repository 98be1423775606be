using Dlt.Configuration;

namespace Dlt.Tests.Configuration;

/// <summary><c>Config.Get</c> and <c>Secrets.Get</c> in user code walk the running resource's sections.</summary>
public sealed class ConfigAccessorTests
{
    [Fact]
    public async Task Inside_a_resource_a_key_is_looked_up_from_the_resource_section_to_the_top_level()
    {
        // Given values at several levels and two resources reading them while extracted
        using var project = new ConfigProject();
        project.ConfigToml("""
            per_page = 10
            base_url = "https://top.example"

            [sources.shop]
            per_page = 50

            [sources.shop.resources.orders]
            per_page = 100
            """).SecretsToml("[sources.shop]\napi_key = \"k-123\"\n");
        var pipeline = project.CreatePipeline();
        var seen = new Dictionary<string, (int PerPage, string Url, string Key)>();
        IEnumerable<object> Items(string name)
        {
            seen[name] = (Config.Get<int>("per_page"), Config.Get<string>("base_url"), Secrets.Get<string>("api_key"));
            yield return new { id = 1 };
        }

        // When
        await pipeline.ExtractAsync(Source.Create("shop", Resource.Create("orders", Items("orders")), Resource.Create("customers", Items("customers"))));

        // Then
        Assert.Equal((100, "https://top.example", "k-123"), seen["orders"]);
        Assert.Equal((50, "https://top.example", "k-123"), seen["customers"]);
    }

    [Fact]
    public async Task The_pipeline_section_comes_first_inside_a_resource()
    {
        using var project = new ConfigProject();
        project.ConfigToml("[sources.shop.resources.orders]\nper_page = 100\n").Env("CFG_PIPELINE__PER_PAGE", "7");
        var pipeline = project.CreatePipeline();
        var perPage = 0;
        IEnumerable<object> Items()
        {
            perPage = Config.Get<int>("per_page");
            yield return new { id = 1 };
        }

        await pipeline.ExtractAsync(Source.Create("shop", Resource.Create("orders", Items())));

        Assert.Equal(7, perPage);
    }

    [Fact]
    public void A_section_path_or_a_dotted_key_walks_from_that_section_up()
    {
        using var project = new ConfigProject();
        project.ConfigToml("timeout = 5\n[sources.github]\nper_page = 30\n");
        var resolver = ConfigResolver.Create(null, project.Environment);

        using (ConfigScope.Enter(resolver, ConfigSections.TopLevel))
        {
            Assert.Equal(30, Config.Get<int>("per_page", "sources.github"));
            Assert.Equal(30, Config.Get<int>("sources.github.per_page"));
            Assert.Equal(TimeSpan.FromSeconds(5), Config.Get<TimeSpan>("timeout", "sources.github.issues"));
            Assert.False(Config.TryGet<int>("per_page", out _));
        }
    }

    [Fact]
    public void A_missing_key_names_where_it_was_looked_for()
    {
        using var project = new ConfigProject();
        var resolver = ConfigResolver.Create("p", project.Environment);

        using (ConfigScope.Enter(resolver, ConfigSections.Walk(["sources", "github"])))
        {
            var error = Assert.Throws<ConfigException>(() => Secrets.Get<string>("token"));

            Assert.Equal(
                "No secret value for 'token'. Looked for keys p.sources.github.token, p.sources.token, p.token, sources.github.token, sources.token, token " +
                "in environment, secrets.toml, config.toml; environment variables P__SOURCES__GITHUB__TOKEN, P__SOURCES__TOKEN, P__TOKEN, SOURCES__GITHUB__TOKEN, SOURCES__TOKEN, TOKEN. " +
                "Set one of them in secrets.toml, the environment or an IConfiguration.",
                error.Message);
        }
    }

    [Fact]
    public void Values_convert_to_the_requested_type_or_fail_with_the_expected_type()
    {
        using var project = new ConfigProject();
        project.ConfigToml("mode = \"round_robin\"\nflag = \"yes\"\nratio = 1.5\nname = \"x\"\n");
        var resolver = ConfigResolver.Create(null, project.Environment);

        using (ConfigScope.Enter(resolver, ConfigSections.TopLevel))
        {
            Assert.Equal(NextItemMode.RoundRobin, Config.Get<NextItemMode>("mode"));
            Assert.True(Config.Get<bool>("flag"));
            Assert.Equal(1.5m, Config.Get<decimal>("ratio"));
            var error = Assert.Throws<ConfigException>(() => Config.Get<long>("name"));
            Assert.Equal($"name from config.toml ({project.ConfigTomlPath}): got \"x\", expected an integer", Assert.Single(error.Problems).ToString());
        }
    }
}
