using Dlt.Postgres;

namespace Dlt.IntegrationTests.Postgres;

/// <summary>Credentials parsing and redaction; no server needed.</summary>
public sealed class PostgresCredentialsTests
{
    private const string Secret = "s3cr:t/p@ss";

    [Fact]
    public void Parses_dlt_url_with_percent_encoded_password_and_connect_timeout()
    {
        var credentials = PostgresCredentials.Parse("postgresql://loader:s3cr%3At%2Fp%40ss@db.example.com:6543/analytics?connect_timeout=7");

        Assert.Equal("db.example.com", credentials.Host);
        Assert.Equal(6543, credentials.Port);
        Assert.Equal("analytics", credentials.Database);
        Assert.Equal("loader", credentials.Username);
        Assert.Equal(Secret, credentials.Password);
        Assert.Equal(7, credentials.ConnectTimeout);
    }

    [Fact]
    public void Url_defaults_are_dlts_port_5432_and_connect_timeout_15()
    {
        var credentials = PostgresCredentials.Parse("postgres://loader@localhost/analytics");

        Assert.Equal(5432, credentials.Port);
        Assert.Equal(15, credentials.ConnectTimeout);
        Assert.Null(credentials.Password);
    }

    [Fact]
    public void Parses_npgsql_keyword_strings_and_keeps_other_keywords()
    {
        var credentials = PostgresCredentials.Parse($"Host=10.0.0.5;Port=5433;Username=loader;Password={Secret};Database=analytics;SSL Mode=Require");

        Assert.Equal("10.0.0.5", credentials.Host);
        Assert.Equal(5433, credentials.Port);
        Assert.Equal("analytics", credentials.Database);
        Assert.Equal("loader", credentials.Username);
        Assert.Equal(Secret, credentials.Password);
        Assert.Equal(15, credentials.ConnectTimeout);
        Assert.Equal("Require", Assert.Single(credentials.Options, o => o.Key == "SSL Mode").Value);
        Assert.Single(credentials.Options);
    }

    [Fact]
    public void The_password_is_never_in_ToString_Location_or_the_destination()
    {
        var credentials = PostgresCredentials.Parse("postgresql://loader:s3cr%3At%2Fp%40ss@db.example.com:6543/analytics");
        using var destination = PostgresDestination.Create(credentials);

        Assert.Equal("postgres://loader@db.example.com:6543/analytics", credentials.Location);
        Assert.Equal(credentials.Location, credentials.ToString());
        Assert.Equal(credentials.Location, destination.Location);
        Assert.DoesNotContain(Secret, credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, destination.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, destination.Credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr", $"{credentials}", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql://:s3cr%3At%2Fp%40ss@db.example.com/analytics", "user")]
    [InlineData("postgresql://loader:s3cr%3At%2Fp%40ss@db.example.com", "database")]
    [InlineData("postgresql://loader:s3cr%3At%2Fp%40ss@db.example.com/analytics?sslcert=x", "sslcert")]
    [InlineData("Host=db.example.com;Username=loader;Password=s3cr:t/p@ss", "database")]
    public void Bad_credentials_fail_with_a_message_that_hides_the_password(string text, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => PostgresCredentials.Parse(text));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_field_factory_builds_the_same_destination_as_the_url()
    {
        using var fromFields = PostgresDestination.Create("db.example.com", 6543, "analytics", "loader", Secret);
        using var fromUrl = PostgresDestination.Create("postgresql://loader:s3cr%3At%2Fp%40ss@db.example.com:6543/analytics");

        Assert.Equal(fromUrl.Credentials, fromFields.Credentials with { Options = fromUrl.Credentials.Options });
        Assert.Equal("postgres", fromFields.DestinationType);
        Assert.Equal(63, fromFields.MaxIdentifierLength);
        Assert.Equal(100, fromFields.MaxParallelLoadJobs);
    }
}
