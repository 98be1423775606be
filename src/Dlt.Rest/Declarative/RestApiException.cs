namespace Dlt.Rest;

/// <summary>
/// A declarative REST resource met a response it cannot use: a data selector that matches nothing,
/// a parent record without a field the child needs, or credentials the API refused. The message
/// names the resource and what to change; it never holds a secret.
/// </summary>
public sealed class RestApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RestApiException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
