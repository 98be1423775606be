using Microsoft.Extensions.Configuration;

namespace Dlt.Configuration;

/// <summary>The <c>[runtime]</c> keys: logging and the HTTP client's timeouts and retries.</summary>
public sealed record RuntimeSettings
{
    private static readonly Dictionary<string, RuntimeLogLevel> s_logLevels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["DEBUG"] = RuntimeLogLevel.Debug,
        ["INFO"] = RuntimeLogLevel.Info,
        ["WARNING"] = RuntimeLogLevel.Warning,
        ["WARN"] = RuntimeLogLevel.Warning,
        ["ERROR"] = RuntimeLogLevel.Error,
        ["CRITICAL"] = RuntimeLogLevel.Critical,
    };

    /// <summary>
    /// The least severe level logged (<c>log_level</c>, <c>RUNTIME__LOG_LEVEL</c>).
    /// <value>The default value is <see cref="RuntimeLogLevel.Warning"/>, dlt's.</value>
    /// </summary>
    public RuntimeLogLevel LogLevel { get; init; } = RuntimeLogLevel.Warning;

    /// <summary>
    /// Timeout of one HTTP request (<c>request_timeout</c>, seconds).
    /// <value>The default value is 60 seconds.</value>
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Attempts of one HTTP request, the first included (<c>request_max_attempts</c>).
    /// <value>The default value is 5.</value>
    /// </summary>
    public int RequestMaxAttempts { get; init; } = 5;

    /// <summary>
    /// Multiplier of the exponential backoff between HTTP attempts (<c>request_backoff_factor</c>).
    /// <value>The default value is 1.</value>
    /// </summary>
    public double RequestBackoffFactor { get; init; } = 1;

    /// <summary>
    /// The longest wait between HTTP attempts (<c>request_max_retry_delay</c>, seconds).
    /// <value>The default value is 300 seconds.</value>
    /// </summary>
    public TimeSpan RequestMaxRetryDelay { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>
    /// Resolves the <c>[runtime]</c> keys for code outside a pipeline's settings, such as the REST
    /// client: from <paramref name="configuration"/>, <paramref name="environmentVariables"/> (the
    /// process's when null) and the <c>.dlt</c> files. Called with neither inside a resource being
    /// extracted, it reads the running pipeline's providers instead, pipeline-named sections first.
    /// </summary>
    /// <param name="configuration">A host application's configuration; it wins over the environment and the files.</param>
    /// <param name="environmentVariables">The environment variables to read; null reads the process's.</param>
    /// <exception cref="ConfigException">A <c>[runtime]</c> value is invalid or a <c>.dlt</c> file cannot be read; the message lists every problem.</exception>
    public static RuntimeSettings Resolve(IConfiguration? configuration = null, IReadOnlyDictionary<string, string>? environmentVariables = null)
    {
        var resolver = configuration is null && environmentVariables is null && ConfigScope.Current is { } scope
            ? scope.Resolver
            : ConfigResolver.Create(pipelineName: null, environmentVariables, configuration);
        var problems = new ConfigProblems();
        problems.AddRange(resolver.FileProblems);
        var settings = Read(new SettingsReader(resolver, problems));
        problems.ThrowIfAny();
        return settings;
    }

    internal static RuntimeSettings Read(SettingsReader reader)
    {
        var sections = ConfigSections.Named(ConfigSections.Runtime);
        var defaults = new RuntimeSettings();
        return new RuntimeSettings
        {
            LogLevel = reader.Choice(sections, "log_level", defaults.LogLevel, s_logLevels),
            RequestTimeout = reader.Seconds(sections, "request_timeout", defaults.RequestTimeout),
            RequestMaxAttempts = reader.Integer(sections, "request_max_attempts", defaults.RequestMaxAttempts, min: 1),
            RequestBackoffFactor = reader.Number(sections, "request_backoff_factor", defaults.RequestBackoffFactor, min: 0),
            RequestMaxRetryDelay = reader.Seconds(sections, "request_max_retry_delay", defaults.RequestMaxRetryDelay),
        };
    }
}
