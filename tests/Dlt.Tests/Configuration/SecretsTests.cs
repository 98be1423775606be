using Dlt.Configuration;

namespace Dlt.Tests.Configuration;

/// <summary>Secrets stay out of config.toml, and out of every message and ToString.</summary>
public sealed class SecretsTests
{
    private const string Password = "hunter2-Secret";

    [Theory]
    [InlineData("[sources.github]\napi_key = \"hunter2-Secret\"\n", "sources.github.api_key")]
    [InlineData("[destination.postgres.credentials]\npassword = \"hunter2-Secret\"\n", "destination.postgres.credentials.password")]
    [InlineData("[destination.postgres]\ncredentials = \"postgresql://loader:hunter2-Secret@localhost/db\"\n", "destination.postgres.credentials")]
    [InlineData("[sources.slack]\naccess_token = \"hunter2-Secret\"\n", "sources.slack.access_token")]
    public void A_secret_in_config_toml_is_rejected_with_advice_to_move_it(string toml, string key)
    {
        using var project = new ConfigProject();
        project.ConfigToml(toml);

        var error = Assert.Throws<ConfigException>(() => project.CreatePipeline());

        var problem = Assert.Single(error.Problems);
        Assert.Equal($"{key} from config.toml ({project.ConfigTomlPath}): is a secret and must not be in config.toml: move it to secrets.toml or an environment variable", problem.ToString());
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_credentials_path_without_a_password_may_stay_in_config_toml()
    {
        using var project = new ConfigProject();
        project.ConfigToml("[destination.duckdb]\ncredentials = \"data/shop.duckdb\"\n");

        var pipeline = project.CreatePipeline(destination: Dlt.DuckDb.DuckDbDestination.Create());

        Assert.Equal(Path.Combine(project.Root, "data", "shop.duckdb"), ((Dlt.DuckDb.DuckDbDestination)pipeline.Destination).DatabasePath);
    }

    [Fact]
    public void The_same_secret_in_secrets_toml_is_accepted()
    {
        using var project = new ConfigProject();
        project.SecretsToml("[sources.github]\napi_key = \"hunter2-Secret\"\n");

        project.CreatePipeline();
    }

    [Fact]
    public void A_secret_with_a_wrong_type_is_reported_without_its_value()
    {
        using var project = new ConfigProject();
        project.Env("SOURCES__SHOP__API_KEY", Password);
        var resolver = ConfigResolver.Create(ConfigProject.PipelineName, project.Environment);

        using (ConfigScope.Enter(resolver, ConfigSections.Scopes("shop", "shop", "orders")))
        {
            var error = Assert.Throws<ConfigException>(() => Secrets.Get<int>("api_key"));

            Assert.Equal(
                "sources.shop.api_key from environment variable SOURCES__SHOP__API_KEY: got a secret value (hidden), expected an integer",
                Assert.Single(error.Problems).ToString());
            Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Secret_keys_are_hidden_in_invalid_value_messages()
    {
        var problem = SettingsReader.Invalid(new ConfigValue(Password, "sources.x.api_key", "environment variable SOURCES__X__API_KEY"), "api_key", "an integer");

        Assert.Equal("sources.x.api_key from environment variable SOURCES__X__API_KEY: got a secret value (hidden), expected an integer", problem.ToString());
    }

    [Fact]
    public async Task Secrets_Get_refuses_a_value_found_only_in_config_toml()
    {
        // Given a secret-looking key under a name that the config.toml check does not know, read as a secret
        using var project = new ConfigProject();
        project.ConfigToml("[sources.shop]\nshop_key = \"hunter2-Secret\"\n");
        var pipeline = project.CreatePipeline();
        ConfigException? error = null;
        IEnumerable<object> Items()
        {
            error = Assert.Throws<ConfigException>(() => Secrets.Get<string>("shop_key"));
            yield return new { id = 1 };
        }

        await pipeline.ExtractAsync(Source.Create("shop", Resource.Create("orders", Items())));

        Assert.NotNull(error);
        Assert.Contains("sources.shop.shop_key from config.toml", error.Message, StringComparison.Ordinal);
        Assert.Contains("move it to secrets.toml", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_found_value_prints_its_key_and_origin_but_not_the_value()
    {
        var value = new ConfigValue(Password, "destination.postgres.credentials.password", "environment variable DESTINATION__POSTGRES__CREDENTIALS__PASSWORD");

        Assert.Equal("destination.postgres.credentials.password from environment variable DESTINATION__POSTGRES__CREDENTIALS__PASSWORD", value.ToString());
    }

    [Fact]
    public void Pipeline_options_with_an_environment_do_not_print_its_values()
    {
        var options = new PipelineOptions { EnvironmentVariables = new Dictionary<string, string> { ["SOURCES__X__API_KEY"] = Password } };

        Assert.DoesNotContain(Password, options.ToString(), StringComparison.Ordinal);
    }
}
