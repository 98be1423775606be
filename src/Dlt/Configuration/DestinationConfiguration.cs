namespace Dlt.Configuration;

/// <summary>
/// The configuration of one destination, handed to it when a pipeline is created
/// (<see cref="Destination.Configure"/>): keys under <c>destination.&lt;name&gt;</c> then
/// <c>destination</c>, and credentials under <c>destination.&lt;name&gt;.credentials</c>,
/// <c>destination.credentials</c>, <c>credentials</c>. Invalid values are collected, so that the
/// pipeline reports every problem at once.
/// </summary>
internal sealed class DestinationConfiguration
{
    private static readonly string[] s_credentialFields = ["drivername", "username", "user", "password", "host", "port", "database"];

    private readonly SettingsReader _reader;

    public DestinationConfiguration(SettingsReader reader, string destinationName, string pipelineName, string workingDirectory)
    {
        _reader = reader;
        DestinationName = destinationName;
        PipelineName = pipelineName;
        WorkingDirectory = workingDirectory;
    }

    /// <summary>The destination's section name, such as <c>duckdb</c>.</summary>
    public string DestinationName { get; }

    public string PipelineName { get; }

    /// <summary>The pipeline's working dir (DuckDB's <c>:pipeline:</c> database lives there).</summary>
    public string WorkingDirectory { get; }

    /// <summary>Where relative local database files go: <c>DLT_LOCAL_DIR</c>, else the project dir.</summary>
    public string LocalDirectory => _reader.Resolver.Files.LocalDirectory;

    private IReadOnlyList<string[]> Sections => ConfigSections.DestinationOf(DestinationName);

    public int Integer(string key, int defaultValue, int min) => _reader.Integer(Sections, key, defaultValue, min);

    public bool Boolean(string key, bool defaultValue) => _reader.Boolean(Sections, key, defaultValue);

    public string? Text(string key, string? defaultValue, Func<string, bool>? isValid = null, string expectation = "a string") =>
        _reader.Text(Sections, key, defaultValue, isValid, expectation);

    /// <summary>The credentials given as one string (a connection string, or a path for a file database), or null.</summary>
    public string? NativeCredentials(out ConfigValue found)
    {
        var sections = ConfigSections.DestinationOf(DestinationName);
        if (_reader.TryFind(sections, "credentials", out found))
        {
            if (ConfigConvert.TryText(found.Raw, out var text))
            {
                return text;
            }

            _reader.AddProblem(SettingsReader.Invalid(found, "credentials", "a connection string"));
        }

        return null;
    }

    /// <summary>
    /// The credentials: a connection string under <c>credentials</c>, with any fields given separately
    /// (<c>credentials.password</c>, <c>host</c>, <c>port</c>, <c>database</c>, <c>username</c>,
    /// <c>drivername</c>) taking precedence; null when neither is configured.
    /// </summary>
    /// <summary>Records that a required value of this destination was found in no provider.</summary>
    public void Missing(string key, string expectation) =>
        _reader.AddProblem(new ConfigProblem(
            $"destination.{DestinationName}.{key}",
            "not found in any provider (code, IConfiguration, environment, secrets.toml, config.toml)",
            $"expected {expectation}"));

    public ConnectionCredentials? Credentials()
    {
        ConnectionCredentials? credentials = null;
        var native = NativeCredentials(out var found);
        if (native is not null)
        {
            try
            {
                credentials = ConnectionCredentials.Parse(native);
            }
            catch (FormatException ex)
            {
                _reader.AddProblem(new ConfigProblem(found.FullKey, found.Origin, $"got a connection string that cannot be read ({ex.Message})"));
            }
        }

        var fields = ConfigSections.CredentialsOf(DestinationName);
        var text = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in s_credentialFields.Where(f => f != "port"))
        {
            if (_reader.Text(fields, field, null) is { } value)
            {
                text[field] = value;
            }
        }

        var port = _reader.OptionalInteger(fields, "port", null, min: 1);
        if (credentials is null && text.Count == 0 && port is null)
        {
            return null;
        }

        credentials ??= new ConnectionCredentials();
        return credentials with
        {
            DriverName = text.GetValueOrDefault("drivername") ?? credentials.DriverName,
            Username = text.GetValueOrDefault("username") ?? text.GetValueOrDefault("user") ?? credentials.Username,
            Password = text.GetValueOrDefault("password") ?? credentials.Password,
            Host = text.GetValueOrDefault("host") ?? credentials.Host,
            Port = port is { } p ? (int)Math.Min(p, int.MaxValue) : credentials.Port,
            Database = text.GetValueOrDefault("database") ?? credentials.Database,
        };
    }
}
