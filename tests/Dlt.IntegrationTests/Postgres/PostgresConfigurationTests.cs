using Dlt.IntegrationTests.Support;
using Dlt.Postgres;
using Dlt.TestKit;

namespace Dlt.IntegrationTests.Postgres;

/// <summary>Credentials from <c>destination.postgres.credentials</c>, as a connection string or as fields, and <c>create_indexes</c>.</summary>
public sealed class PostgresConfigurationTests : IDisposable
{
    private readonly TempPipelineDirectory _dir = new();
    private readonly string _dataset = TestPostgres.UniqueDataset();

    public void Dispose()
    {
        TestPostgres.DropSchema(_dataset);
        _dir.Dispose();
    }

    [Fact]
    public async Task Credentials_come_from_a_connection_string_in_the_environment()
    {
        // Given
        var credentials = TestPostgres.Credentials;
        var url = $"postgresql://{credentials.Username}:{Uri.EscapeDataString(credentials.Password ?? "")}@{credentials.Host}:{credentials.Port}/{credentials.Database}";

        // When
        await LoadAsync(new() { ["DESTINATION__POSTGRES__CREDENTIALS"] = url });

        // Then
        using var reader = new PostgresReader(TestPostgres.ConnectionString, _dataset);
        Assert.Equal(2L, reader.Count("rows"));
    }

    [Fact]
    public async Task Credentials_come_from_separate_fields()
    {
        // Given
        var credentials = TestPostgres.Credentials;
        var environment = new Dictionary<string, string>
        {
            ["DESTINATION__POSTGRES__CREDENTIALS__HOST"] = credentials.Host,
            ["DESTINATION__POSTGRES__CREDENTIALS__PORT"] = credentials.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DESTINATION__POSTGRES__CREDENTIALS__DATABASE"] = credentials.Database,
            ["DESTINATION__POSTGRES__CREDENTIALS__USERNAME"] = credentials.Username,
            ["DESTINATION__POSTGRES__CREDENTIALS__PASSWORD"] = credentials.Password ?? "",
        };

        // When
        await LoadAsync(environment);

        // Then
        using var reader = new PostgresReader(TestPostgres.ConnectionString, _dataset);
        Assert.Equal(2L, reader.Count("rows"));
    }

    [Fact]
    public void Missing_credentials_fail_when_the_pipeline_is_created_naming_the_key()
    {
        var error = Assert.Throws<ConfigException>(() =>
            Pipeline.Create("pg_pipeline", PostgresDestination.Create(), _dataset, _dir.Options with { EnvironmentVariables = new Dictionary<string, string>() }));
        Assert.Contains("destination.postgres.credentials", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("credentials from configuration", false)]
    [InlineData("credentials in code", false)]
    [InlineData("options in code", true)]
    public async Task Create_indexes_comes_from_the_configuration_unless_options_are_given_in_code(string setUp, bool uniqueConstraintExpected)
    {
        // Given destination.postgres.create_indexes = false in the environment
        var environment = new Dictionary<string, string>
        {
            ["DESTINATION__POSTGRES__CREDENTIALS"] = TestPostgres.ConnectionString,
            ["DESTINATION__POSTGRES__CREATE_INDEXES"] = "false",
        };
        using var destination = setUp switch
        {
            "credentials from configuration" => PostgresDestination.Create(),
            "credentials in code" => PostgresDestination.Create(TestPostgres.ConnectionString),
            _ => PostgresDestination.Create(TestPostgres.ConnectionString, new PostgresOptions()),
        };

        // When
        await LoadAsync(environment, destination);

        // Then _dlt_id (unique hint) has its UNIQUE constraint only where the code's options (default true) decide
        using var reader = new PostgresReader(TestPostgres.ConnectionString, _dataset);
        var constraints = reader.Query($"""
            SELECT a.attname::text FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
            WHERE c.contype = 'u' AND c.conrelid = '{reader.Table("rows")}'::regclass
            """).Select(r => (string)r[0]!);
        Assert.Equal(uniqueConstraintExpected ? ["_dlt_id"] : [], constraints);
        Assert.Equal(2L, reader.Count("rows"));
    }

    private async Task LoadAsync(Dictionary<string, string> environment, PostgresDestination? destination = null)
    {
        var pipeline = Pipeline.Create("pg_pipeline", destination ?? PostgresDestination.Create(), _dataset, _dir.Options with { EnvironmentVariables = environment });
        await pipeline.RunAsync(Resource.Create("rows", Json.Items("""{"n": 1}""", """{"n": 2}""")));
        Assert.DoesNotContain(TestPostgres.Credentials.Password ?? "\0", pipeline.Destination.Location, StringComparison.Ordinal);
    }
}
