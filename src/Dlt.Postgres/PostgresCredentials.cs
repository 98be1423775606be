using Dlt.Configuration;
using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Dlt.Postgres;

/// <summary>
/// Where and as whom to connect to PostgreSQL. The password is never part of <see cref="ToString"/>,
/// <see cref="Location"/> or any message of this library.
/// </summary>
public sealed record PostgresCredentials
{
    /// <summary>The default port, as in dlt and libpq.</summary>
    public const int DefaultPort = 5432;

    /// <summary>The default connect timeout in seconds, as in dlt.</summary>
    public const int DefaultConnectTimeout = 15;

    private static readonly string[] UrlSchemes = ["postgresql://", "postgres://"];

    /// <summary>The server's host name or address.</summary>
    public required string Host { get; init; }

    /// <summary>The server's port. <value>The default value is 5432.</value></summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The database to connect to.</summary>
    public required string Database { get; init; }

    /// <summary>The user name.</summary>
    public required string Username { get; init; }

    /// <summary>The password; <see langword="null"/> for trust or peer authentication. Never printed.</summary>
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    public string? Password { get; init; }

    /// <summary>Seconds to wait for a connection. <value>The default value is 15 (dlt's <c>connect_timeout</c>).</value></summary>
    public int ConnectTimeout { get; init; } = DefaultConnectTimeout;

    /// <summary>
    /// Further Npgsql connection string keywords (<c>SSL Mode</c>, <c>Maximum Pool Size</c>, ...), kept
    /// from a keyword connection string or set by the caller. <value>The default value is empty.</value>
    /// </summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>The server and database as a URL without the password: <c>postgres://user@host:port/database</c>.</summary>
    public string Location => $"postgres://{Username}@{FormatHost(Host)}:{Port.ToString(CultureInfo.InvariantCulture)}/{Database}";

    /// <summary>
    /// Parses a URL (<c>postgresql://user:password@host:5432/database?connect_timeout=15</c>, dlt's form)
    /// or an Npgsql keyword string (<c>Host=...;Port=...;Username=...;Password=...;Database=...</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The text is neither form, or misses the host, database or user; the message never shows the password.</exception>
    public static PostgresCredentials Parse(string connectionStringOrUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionStringOrUrl);
        var text = connectionStringOrUrl.Trim();
        return UrlSchemes.Any(s => text.StartsWith(s, StringComparison.OrdinalIgnoreCase)) ? ParseUrl(text) : ParseKeywords(text);
    }

    /// <summary>The credentials without the password, as <see cref="Location"/>.</summary>
    public override string ToString() => Location;

    /// <summary>The Npgsql connection string, password included: for the driver only, never for messages.</summary>
    internal NpgsqlConnectionStringBuilder ToConnectionStringBuilder()
    {
        var builder = new NpgsqlConnectionStringBuilder();
        foreach (var (key, value) in Options)
        {
            builder[key] = value;
        }

        builder.Host = Host;
        builder.Port = Port;
        builder.Database = Database;
        builder.Username = Username;
        builder.Password = Password;
        builder.Timeout = ConnectTimeout;
        // dlt's SQL sessions run in UTC (reference §9.2).
        builder.Timezone = "UTC";
        return builder;
    }

    /// <summary>dlt's URL form, read by the shared <see cref="ConnectionCredentials"/> parser; the query options PostgreSQL knows are mapped to Npgsql's.</summary>
    private static PostgresCredentials ParseUrl(string url)
    {
        ConnectionCredentials parsed;
        try
        {
            parsed = ConnectionCredentials.Parse(url);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"The PostgreSQL URL cannot be read: {ex.Message}");
        }

        var user = parsed.Username;
        var password = parsed.Password;
        var host = parsed.Host?.Trim('[', ']') ?? "";
        var port = parsed.Port ?? DefaultPort;
        var database = parsed.Database ?? "";
        var connectTimeout = DefaultConnectTimeout;
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in parsed.Options)
        {
            switch (key)
            {
                case "connect_timeout":
                    connectTimeout = ParseInt(value, "connect_timeout");
                    break;
                case "sslmode":
                    options["SSL Mode"] = value;
                    break;
                case "application_name":
                    options["Application Name"] = value;
                    break;
                default:
                    throw new ArgumentException(
                        $"The PostgreSQL URL for {Describe(user, host, port, database)} has the query parameter '{key}', which is not supported; supported: connect_timeout, sslmode, application_name.");
            }
        }

        return Validated(host, port, database, user, password, connectTimeout, options);
    }

    private static PostgresCredentials ParseKeywords(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            // The driver's message names the keyword, never a value.
            throw new ArgumentException(
                $"The PostgreSQL connection string is neither a postgresql:// URL nor a valid Npgsql keyword string: {ex.Message}");
        }

        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Host", "Server", "Port", "Database", "Username", "User Id", "User", "Password", "Timeout" };
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in builder.Keys)
        {
            if (!known.Contains(key) && builder.TryGetValue(key, out var value) && value is not null)
            {
                options[key] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            }
        }

        // Npgsql's own default is 15 s too, but dlt's default is kept explicit when the keyword is absent.
        var timeout = HasKeyword(connectionString, "Timeout") ? builder.Timeout : DefaultConnectTimeout;
        return Validated(builder.Host ?? "", builder.Port, builder.Database ?? "", builder.Username, builder.Password, timeout, options);
    }

    private static bool HasKeyword(string connectionString, string keyword) =>
        connectionString.Split(';').Any(part => part.Split('=')[0].Trim().Equals(keyword, StringComparison.OrdinalIgnoreCase));

    private static PostgresCredentials Validated(string host, int port, string database, string? user, string? password, int connectTimeout, Dictionary<string, string> options)
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(host))
        {
            missing.Add("host");
        }

        if (string.IsNullOrWhiteSpace(database))
        {
            missing.Add("database");
        }

        if (string.IsNullOrWhiteSpace(user))
        {
            missing.Add("user");
        }

        if (missing.Count > 0)
        {
            throw new ArgumentException(
                $"The PostgreSQL credentials for {Describe(user, host, port, database)} lack the {string.Join(", ", missing)}; use postgresql://user:password@host:5432/database or Host=...;Port=...;Username=...;Password=...;Database=....");
        }

        return new PostgresCredentials
        {
            Host = host,
            Port = port,
            Database = database,
            Username = user!,
            Password = string.IsNullOrEmpty(password) ? null : password,
            ConnectTimeout = connectTimeout,
            Options = options,
        };
    }

    private static int ParseInt(string value, string what) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw new ArgumentException($"The PostgreSQL {what} '{value}' is not a whole number.");

    private static string FormatHost(string host) => host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;

    private static string Describe(string? user, string host, int port, string database) =>
        $"postgres://{user}@{FormatHost(host)}:{port.ToString(CultureInfo.InvariantCulture)}/{database}";
}
