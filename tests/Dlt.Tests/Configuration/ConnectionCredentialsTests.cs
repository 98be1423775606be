using Dlt.Configuration;

namespace Dlt.Tests.Configuration;

/// <summary>Credentials as a connection string or as fields; the password never shows.</summary>
public sealed class ConnectionCredentialsTests
{
    private const string Password = "p@ss:w/rd";

    [Fact]
    public void Parses_a_url_with_escaped_password_port_database_and_options()
    {
        var credentials = ConnectionCredentials.Parse("postgresql://loader:p%40ss%3Aw%2Frd@db.local:5433/dlt_data?connect_timeout=15");

        Assert.Equal("postgresql", credentials.DriverName);
        Assert.Equal("loader", credentials.Username);
        Assert.Equal(Password, credentials.Password);
        Assert.Equal("db.local", credentials.Host);
        Assert.Equal(5433, credentials.Port);
        Assert.Equal("dlt_data", credentials.Database);
        Assert.Equal("15", credentials.Options["connect_timeout"]);
        Assert.Equal("postgresql://loader:p%40ss%3Aw%2Frd@db.local:5433/dlt_data?connect_timeout=15", credentials.ToUrl());
    }

    [Fact]
    public void Parses_key_value_pairs()
    {
        var credentials = ConnectionCredentials.Parse("Host=127.0.0.1;Port=5433;Username=postgres;Password=secret;Database=bench;Timeout=15");

        Assert.Equal(("127.0.0.1", 5433, "postgres", "secret", "bench"), (credentials.Host, credentials.Port, credentials.Username, credentials.Password, credentials.Database));
        Assert.Equal("15", credentials.Options["Timeout"]);
    }

    [Fact]
    public void ToString_hides_the_password()
    {
        var credentials = ConnectionCredentials.Parse($"postgresql://loader:{Uri.EscapeDataString(Password)}@localhost/db");

        Assert.Equal("postgresql://loader:***@localhost/db", credentials.ToString());
        Assert.DoesNotContain("ss", $"{credentials}", StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_connection_string_fails_without_repeating_it()
    {
        var error = Assert.Throws<FormatException>(() => ConnectionCredentials.Parse("postgresql://loader:secret@host:notaport/db"));

        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fields_in_any_provider_complete_and_override_a_connection_string()
    {
        // Given the connection string in secrets.toml and the password from the environment
        using var project = new ConfigProject();
        project.SecretsToml("[destination.postgres]\ncredentials = \"postgresql://loader:old@localhost:5432/dlt_data\"\n")
            .ConfigToml("[destination.postgres.credentials]\nhost = \"db.internal\"\nport = 6543\n")
            .Env("DESTINATION__POSTGRES__CREDENTIALS__PASSWORD", "fromenv");

        var credentials = Resolve(project, "postgres");

        Assert.Equal("postgresql://loader:fromenv@db.internal:6543/dlt_data", credentials!.ToUrl());
        Assert.Equal("postgresql://loader:***@db.internal:6543/dlt_data", credentials.ToString());
    }

    [Fact]
    public void Fields_alone_make_credentials_and_the_generic_sections_apply()
    {
        using var project = new ConfigProject();
        project.SecretsToml("""
            [destination.credentials]
            username = "loader"
            database = "dlt_data"

            [credentials]
            password = "pw"
            """).Env("DESTINATION__POSTGRES__CREDENTIALS__HOST", "localhost");

        var credentials = Resolve(project, "postgres");

        Assert.Equal(("loader", "pw", "localhost", "dlt_data"), (credentials!.Username, credentials.Password, credentials.Host, credentials.Database));
    }

    [Fact]
    public void No_credentials_configured_gives_null()
    {
        using var project = new ConfigProject();

        Assert.Null(Resolve(project, "postgres"));
    }

    [Fact]
    public void An_unreadable_connection_string_is_a_problem_that_hides_it()
    {
        using var project = new ConfigProject();
        project.Env("DESTINATION__POSTGRES__CREDENTIALS", "loader:secret at host");

        var error = Assert.Throws<ConfigException>(() => Resolve(project, "postgres"));

        Assert.Equal("destination.postgres.credentials", Assert.Single(error.Problems).Key);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    private static ConnectionCredentials? Resolve(ConfigProject project, string destination)
    {
        var problems = new ConfigProblems();
        var resolver = ConfigResolver.Create(ConfigProject.PipelineName, project.Environment);
        var credentials = new DestinationConfiguration(new SettingsReader(resolver, problems), destination, ConfigProject.PipelineName, project.Root).Credentials();
        problems.ThrowIfAny();
        return credentials;
    }
}
