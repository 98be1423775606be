namespace Dlt.Destinations;

/// <summary>A destination refused a job; <see cref="IsTerminal"/> tells whether retrying can help.</summary>
internal sealed class DestinationException(string message, bool isTerminal, Exception? innerException = null) : Exception(message, innerException)
{
    public bool IsTerminal { get; } = isTerminal;
}
