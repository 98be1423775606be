using Dlt.Configuration;
using Microsoft.Extensions.Configuration;

namespace Dlt.Rest;

/// <summary>
/// Settings of a <see cref="RestClient"/> given in code. The retry and timeout settings are the
/// <c>[runtime]</c> keys (<c>request_timeout</c>, <c>request_max_attempts</c>,
/// <c>request_backoff_factor</c>, <c>request_max_retry_delay</c>), resolved from the configuration
/// when the client is created unless <see cref="Runtime"/> gives them.
/// </summary>
public sealed record RestClientOptions
{
    /// <summary>
    /// Headers sent with every request; a request's own headers win.
    /// <value>The default value is none.</value>
    /// </summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Credentials added to every request unless a call gives its own.
    /// <value>The default value is <see langword="null"/>: none.</value>
    /// </summary>
    public RestAuth? Auth { get; init; }

    /// <summary>
    /// The paginator of <see cref="RestClient.PaginateAsync"/> unless a call gives its own.
    /// <value>The default value is <see langword="null"/>: detected from the first response.</value>
    /// </summary>
    public Paginator? Paginator { get; init; }

    /// <summary>
    /// Where the records are in a response (<c>$</c>, <c>data</c>, <c>$.result.items</c>) unless a call gives its own.
    /// <value>The default value is <see langword="null"/>: detected from the first response.</value>
    /// </summary>
    public string? DataSelector { get; init; }

    /// <summary>
    /// The timeout and retry settings, winning over every provider; build it from the configured
    /// values to change only some (<c>RuntimeSettings.Resolve() with { RequestMaxAttempts = 3 }</c>).
    /// <value>The default value is <see langword="null"/>: <see cref="RuntimeSettings.Resolve"/> over <see cref="Configuration"/> and <see cref="EnvironmentVariables"/>.</value>
    /// </summary>
    public RuntimeSettings? Runtime { get; init; }

    /// <summary>
    /// Configuration from a host application (<c>runtime:request_timeout</c>); it wins over the environment and the <c>.dlt</c> files.
    /// <value>The default value is <see langword="null"/>: none.</value>
    /// </summary>
    public IConfiguration? Configuration { get; init; }

    /// <summary>
    /// The environment variables to read (<c>RUNTIME__REQUEST_MAX_ATTEMPTS</c>, <c>DLT_PROJECT_DIR</c>).
    /// <value>The default value is <see langword="null"/>: the process's.</value>
    /// </summary>
    public IReadOnlyDictionary<string, string>? EnvironmentVariables { get; init; }

    /// <summary>
    /// The clock of the waits between attempts and of the timeouts.
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
