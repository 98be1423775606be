namespace Dlt.Configuration;

/// <summary>dlt's process start method (<c>normalize.start_method</c>): accepted for compatibility; the workers here are threads, so it has no effect.</summary>
public enum NormalizeStartMethod
{
    /// <summary><c>fork</c>.</summary>
    Fork,

    /// <summary><c>spawn</c>.</summary>
    Spawn,

    /// <summary><c>forkserver</c>.</summary>
    ForkServer,
}
