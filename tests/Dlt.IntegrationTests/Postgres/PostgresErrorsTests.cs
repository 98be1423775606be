using System.Net.Sockets;
using Dlt.Postgres;
using Npgsql;

namespace Dlt.IntegrationTests.Postgres;

/// <summary>Which failures are retried and which are not; no server needed.</summary>
public sealed class PostgresErrorsTests
{
    [Theory]
    [InlineData("08006", true)] // connection failure
    [InlineData("08P01", false)] // protocol violation: how the server refuses binary COPY data its column cannot read, the same on every retry
    [InlineData("53300", true)] // too many connections
    [InlineData("57P01", true)] // admin shutdown (backend terminated)
    [InlineData("57014", true)] // query canceled (statement timeout)
    [InlineData("40001", true)] // serialization failure
    [InlineData("40P01", true)] // deadlock
    [InlineData("55P03", true)] // lock not available
    [InlineData("22021", false)] // invalid byte sequence (NUL in text)
    [InlineData("22003", false)] // numeric value out of range
    [InlineData("23502", false)] // not-null violation
    [InlineData("23505", false)] // unique violation
    [InlineData("42P01", false)] // undefined table
    [InlineData("28P01", false)] // wrong password
    [InlineData("3D000", false)] // missing database
    [InlineData("XX000", false)] // internal error
    public void Classifies_sqlstates(string sqlState, bool transient) =>
        Assert.Equal(transient, PostgresErrors.IsTransientSqlState(sqlState));

    [Fact]
    public void IO_socket_and_timeout_failures_are_transient()
    {
        Assert.True(PostgresErrors.IsTransient(new NpgsqlException("Exception while reading from stream", new IOException("reset"))));
        Assert.True(PostgresErrors.IsTransient(new SocketException((int)SocketError.ConnectionReset)));
        Assert.True(PostgresErrors.IsTransient(new TimeoutException()));
        Assert.False(PostgresErrors.IsTransient(new InvalidDataException("bad file")));
    }

    [Fact]
    public void Messages_never_show_the_password()
    {
        var credentials = PostgresCredentials.Parse("postgresql://loader:hunter2@db.example.com/analytics");

        var error = PostgresErrors.Operation(credentials, "data", "loading table 't'", new InvalidOperationException("driver said hunter2"));

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.Contains("postgres://loader@db.example.com:5432/analytics", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsTerminal);
    }
}
