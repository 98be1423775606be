namespace Dlt.Rest;

/// <summary>A response does not hold what the paginator needs (a total, a has-more flag) in the expected form.</summary>
public sealed class PaginationException : Exception
{
    /// <summary>Creates the exception with a message that names the paginator, the path and what was found.</summary>
    public PaginationException(string message)
        : base(message)
    {
    }
}
