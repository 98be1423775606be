namespace Dlt.Rest;

/// <summary>A response action said to ignore a response (dlt's <c>IgnoreResponseException</c>): the pagination ends without a page.</summary>
internal sealed class ResponseIgnoredException : Exception
{
    public ResponseIgnoredException()
        : base("The response was ignored by a response action.")
    {
    }
}
