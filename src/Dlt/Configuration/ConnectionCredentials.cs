using System.Globalization;
using System.Text;

namespace Dlt.Configuration;

/// <summary>
/// Database credentials, given as a connection string (<c>postgresql://loader:pw@localhost:5432/dlt_data</c>
/// or <c>Host=localhost;Username=loader;Password=pw;Database=dlt_data</c>) or as fields
/// (<c>destination.postgres.credentials.password</c>, <c>host</c>, <c>port</c>, <c>database</c>, <c>username</c>).
/// <see cref="ToString"/> never shows the password.
/// </summary>
public sealed record ConnectionCredentials
{
    private const string Hidden = "***";

    /// <summary>The URL scheme (dlt's <c>drivername</c>), such as <c>postgresql</c>; null when given as key=value pairs.</summary>
    public string? DriverName { get; init; }

    /// <summary>The user name.</summary>
    public string? Username { get; init; }

    /// <summary>The password: a secret, never shown by <see cref="ToString"/>.</summary>
    public string? Password { get; init; }

    /// <summary>The server's host name or address.</summary>
    public string? Host { get; init; }

    /// <summary>The server's port; null for the driver's default.</summary>
    public int? Port { get; init; }

    /// <summary>The database name (for a file database, its path).</summary>
    public string? Database { get; init; }

    /// <summary>Further options: the URL's query (<c>?connect_timeout=15</c>), or the other key=value pairs.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>Parses a URL (<c>scheme://user:password@host:port/database?option=value</c>) or key=value pairs separated by <c>;</c>.</summary>
    /// <exception cref="FormatException">The text is neither; the message does not repeat it.</exception>
    public static ConnectionCredentials Parse(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var text = connectionString.Trim();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0)
        {
            return ParseUrl(text[..scheme], text[(scheme + 3)..]);
        }

        if (text.Contains('=', StringComparison.Ordinal))
        {
            return ParsePairs(text);
        }

        throw new FormatException("The connection string is neither a URL (scheme://user:password@host:port/database) nor key=value pairs separated by ';'.");
    }

    /// <summary>True when <paramref name="connectionString"/> carries a password (used to keep such strings out of <c>config.toml</c>).</summary>
    public static bool HasPassword(string connectionString)
    {
        try
        {
            return !string.IsNullOrEmpty(Parse(connectionString).Password);
        }
        catch (FormatException)
        {
            return connectionString.Contains("password", StringComparison.OrdinalIgnoreCase) ||
                   connectionString.Contains("pwd=", StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>The credentials as a URL, password included: hand it to a driver, never to a log.</summary>
    public string ToUrl() => Format(Password is null ? null : Uri.EscapeDataString(Password));

    /// <summary>The credentials as a URL with the password replaced by <c>***</c>.</summary>
    public override string ToString() => Format(Password is null ? null : Hidden);

    private string Format(string? password)
    {
        var url = new StringBuilder();
        url.Append(DriverName ?? "unknown").Append("://");
        if (Username is not null)
        {
            url.Append(Uri.EscapeDataString(Username));
            if (password is not null)
            {
                url.Append(':').Append(password);
            }

            url.Append('@');
        }
        else if (password is not null)
        {
            url.Append(':').Append(password).Append('@');
        }

        url.Append(Host);
        if (Port is { } port)
        {
            url.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }

        if (Database is not null)
        {
            url.Append('/').Append(Uri.EscapeDataString(Database));
        }

        if (Options.Count > 0)
        {
            url.Append('?').AppendJoin('&', Options.Select(o => Uri.EscapeDataString(o.Key) + "=" + Uri.EscapeDataString(o.Value)));
        }

        return url.ToString();
    }

    private static ConnectionCredentials ParseUrl(string scheme, string rest)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var query = rest.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            foreach (var pair in rest[(query + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                options[Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq])] = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            }

            rest = rest[..query];
        }

        string? username = null;
        string? password = null;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = rest[..at];
            rest = rest[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            username = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(userInfo[(colon + 1)..]);
            username = username.Length == 0 ? null : username;
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var database = slash < 0 ? null : Uri.UnescapeDataString(rest[(slash + 1)..]);
        var hostPort = slash < 0 ? rest : rest[..slash];
        int? port = null;
        var portColon = hostPort.LastIndexOf(':');
        if (portColon >= 0 && portColon > hostPort.LastIndexOf(']'))
        {
            if (!int.TryParse(hostPort[(portColon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 1 or > 65535)
            {
                throw new FormatException("The port of the connection URL is not a number from 1 to 65535.");
            }

            port = parsed;
            hostPort = hostPort[..portColon];
        }

        return new ConnectionCredentials
        {
            DriverName = scheme,
            Username = username,
            Password = password,
            Host = hostPort.Length == 0 ? null : hostPort,
            Port = port,
            Database = string.IsNullOrEmpty(database) ? null : database,
            Options = options,
        };
    }

    private static ConnectionCredentials ParsePairs(string text)
    {
        var credentials = new ConnectionCredentials();
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException("A part of the connection string is not a key=value pair.");
            }

            var key = pair[..eq].Trim();
            var value = pair[(eq + 1)..].Trim();
            switch (key.ToLowerInvariant())
            {
                case "host" or "server" or "data source":
                    credentials = credentials with { Host = value };
                    break;
                case "port":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                    {
                        throw new FormatException("The Port of the connection string is not a number from 1 to 65535.");
                    }

                    credentials = credentials with { Port = port };
                    break;
                case "database" or "initial catalog":
                    credentials = credentials with { Database = value };
                    break;
                case "username" or "user" or "user id" or "userid" or "uid":
                    credentials = credentials with { Username = value };
                    break;
                case "password" or "pwd":
                    credentials = credentials with { Password = value };
                    break;
                default:
                    options[key] = value;
                    break;
            }
        }

        return credentials with { Options = options };
    }
}
