using System.Net;
using System.Net.Sockets;
using Dlt.IntegrationTests.Support;
using Dlt.Postgres;
using Dlt.TestKit;
using Xunit.Abstractions;

namespace Dlt.IntegrationTests.Postgres;

/// <summary>Wrong credentials, a server that is down, a database that is missing: clear errors that never show the password.</summary>
public sealed class PostgresConnectionTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempPipelineDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_wrong_password_fails_naming_host_port_database_and_user_but_not_the_password()
    {
        // Given the test server with a wrong password
        var real = TestPostgres.Credentials;
        var wrong = "wrong-" + Guid.NewGuid().ToString("N");
        using var destination = PostgresDestination.Create(real with { Password = wrong });

        // When
        var error = await RunAsync(destination);

        // Then
        AssertNamesServer(error, real);
        Assert.Contains("password authentication failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("Check the user name and password", error.Message, StringComparison.Ordinal);
        AssertNoSecret(error, wrong);
        AssertNoSecret(error, real.Password!);
        AssertNothingExtracted(error);
    }

    [Fact]
    public async Task A_server_that_is_down_fails_naming_host_port_database_and_user()
    {
        // Given a port nothing listens on
        var credentials = TestPostgres.Credentials with { Host = "127.0.0.1", Port = ClosedPort(), ConnectTimeout = 5 };
        using var destination = PostgresDestination.Create(credentials);

        // When
        var error = await RunAsync(destination);

        // Then
        AssertNamesServer(error, credentials);
        Assert.Contains("Check that the server runs and accepts TCP connections", error.Message, StringComparison.Ordinal);
        AssertNoSecret(error, credentials.Password!);
        AssertNothingExtracted(error);
    }

    [Fact]
    public async Task A_missing_database_fails_saying_so()
    {
        // Given a database that does not exist
        var credentials = TestPostgres.Credentials with { Database = "no_such_db_" + Guid.NewGuid().ToString("N")[..8] };
        using var destination = PostgresDestination.Create(credentials);

        // When
        var error = await RunAsync(destination);

        // Then
        AssertNamesServer(error, credentials);
        Assert.Contains("The database does not exist", error.Message, StringComparison.Ordinal);
        AssertNoSecret(error, credentials.Password!);
    }

    private async Task<PipelineStepFailedException> RunAsync(PostgresDestination destination)
    {
        var error = await Assert.ThrowsAsync<PipelineStepFailedException>(() =>
            Pipeline.Create("test_pipeline", destination, "unreachable", _dir.Options).RunAsync(Resource.Create("rows", Json.Items("""{"n": 1}"""))));
        output.WriteLine(error.Message);
        return error;
    }

    private static void AssertNamesServer(PipelineStepFailedException error, PostgresCredentials credentials)
    {
        Assert.Equal("load", error.Step);
        Assert.Contains($"host '{credentials.Host}'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"port {credentials.Port}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"database '{credentials.Database}'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"user '{credentials.Username}'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Not in the message, nor anywhere in the exception chain (messages and stack traces).</summary>
    private static void AssertNoSecret(Exception error, string secret)
    {
        for (Exception? current = error; current is not null; current = current.InnerException)
        {
            Assert.DoesNotContain(secret, current.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The destination is opened before extract: the run fails first, leaving no package behind.</summary>
    private void AssertNothingExtracted(PipelineStepFailedException error)
    {
        Assert.Contains("cannot be opened, so nothing was extracted", error.Message, StringComparison.Ordinal);
        foreach (var folder in new[] { Path.Combine("normalize", "extracted"), Path.Combine("load", "normalized") })
        {
            var path = Path.Combine(_dir.PipelinesDirectory, "test_pipeline", folder);
            Assert.True(!Directory.Exists(path) || Directory.GetDirectories(path).Length == 0, $"a package in {folder}");
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
