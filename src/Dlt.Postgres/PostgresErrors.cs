using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Dlt.Destinations;
using Npgsql;

namespace Dlt.Postgres;

/// <summary>
/// Turns driver exceptions into <see cref="DestinationException"/>s. Transient (retrying may help):
/// I/O, sockets and timeouts, and the SQLSTATE classes 08 (connection; not 08P01, a protocol violation such as
/// a binary COPY value the column's type cannot read), 53 (insufficient resources),
/// 57 (operator intervention: shutdown, cancel, statement timeout), 40001/40P01 (serialization,
/// deadlock) and 55P03 (lock not available). Everything else is terminal, notably 22 (data), 23
/// (constraints), 42 (syntax, missing objects), 28 (authentication) and 3D (missing database).
/// Messages name what the credentials name except the password, which is also scrubbed from any
/// driver text.
/// </summary>
internal static partial class PostgresErrors
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException pg => IsTransientSqlState(pg.SqlState),
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is IOException or SocketException or TimeoutException,
        IOException or SocketException or TimeoutException => true,
        _ => false,
    };

    public static bool IsTransientSqlState(string sqlState) =>
        (sqlState.StartsWith("08", StringComparison.Ordinal) && sqlState != "08P01") ||
        sqlState.StartsWith("53", StringComparison.Ordinal) ||
        sqlState.StartsWith("57", StringComparison.Ordinal) ||
        sqlState is "40001" or "40P01" or "55P03";

    /// <summary>A failure to open a connection, naming host, port, database and user.</summary>
    public static DestinationException Connection(PostgresCredentials credentials, Exception exception)
    {
        var hint = exception switch
        {
            PostgresException { SqlState: "28P01" or "28000" } => " Check the user name and password (destination.postgres.credentials).",
            PostgresException { SqlState: "3D000" } => " The database does not exist: create it or fix the database name.",
            PostgresException => "",
            _ when Find<TimeoutException>(exception) is not null =>
                $" The server did not answer within {credentials.ConnectTimeout} s (connect_timeout).",
            _ => " Check that the server runs and accepts TCP connections on that host and port.",
        };
        var message = $"Cannot connect to PostgreSQL at host '{credentials.Host}', port {credentials.Port}, database '{credentials.Database}' as user '{credentials.Username}': {Reason(exception)}.{hint}";
        return new DestinationException(Redact(message, credentials), !IsTransient(exception), exception);
    }

    /// <summary>A failed statement or COPY; <paramref name="context"/> says what was being done (table, file).</summary>
    public static DestinationException Operation(PostgresCredentials credentials, string dataset, string context, Exception exception)
    {
        var message = new StringBuilder($"PostgreSQL {credentials.Location}, dataset '{dataset}': {context} failed: {Reason(exception)}");
        if (exception is PostgresException pg)
        {
            if (ColumnOf(pg) is { } column)
            {
                message.Append($"; column '{column}'");
            }

            if (!string.IsNullOrEmpty(pg.Detail))
            {
                message.Append($"; {pg.Detail}");
            }

            if (!string.IsNullOrEmpty(pg.Where))
            {
                message.Append($"; where: {Shorten(pg.Where, 300)}");
            }
        }

        return new DestinationException(Redact(message.ToString(), credentials), !IsTransient(exception), exception);
    }

    /// <summary>The column the server names: its own field, or the one in a COPY error's context line.</summary>
    private static string? ColumnOf(PostgresException exception)
    {
        if (!string.IsNullOrEmpty(exception.ColumnName))
        {
            return exception.ColumnName;
        }

        return exception.Where is { } where && CopyColumn().Match(where) is { Success: true } match ? match.Groups[1].Value : null;
    }

    private static string Reason(Exception exception) => exception switch
    {
        PostgresException pg => $"{pg.MessageText} (SQLSTATE {pg.SqlState})",
        NpgsqlException { InnerException: { } inner } npgsql => $"{npgsql.Message.TrimEnd('.')} ({inner.Message.TrimEnd('.')})",
        _ => exception.Message.TrimEnd('.'),
    };

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "...";

    /// <summary>Drivers do not print passwords; this makes sure no message of ours ever does.</summary>
    public static string Redact(string message, PostgresCredentials credentials) =>
        string.IsNullOrEmpty(credentials.Password) ? message : message.Replace(credentials.Password, "***", StringComparison.Ordinal);

    [GeneratedRegex(@"^COPY [^,]+, line \d+, column ([^:,]+)")]
    private static partial Regex CopyColumn();
}
