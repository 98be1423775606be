namespace Dlt.Configuration;

/// <summary>The least severe log level written (<c>runtime.log_level</c>), in Python's level names.</summary>
public enum RuntimeLogLevel
{
    /// <summary><c>DEBUG</c>.</summary>
    Debug,

    /// <summary><c>INFO</c>.</summary>
    Info,

    /// <summary><c>WARNING</c> (also <c>WARN</c>).</summary>
    Warning,

    /// <summary><c>ERROR</c>.</summary>
    Error,

    /// <summary><c>CRITICAL</c>.</summary>
    Critical,
}
