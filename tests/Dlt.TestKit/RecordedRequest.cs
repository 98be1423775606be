using System.Diagnostics;
using System.Web;

namespace Dlt.TestKit;

/// <summary>A request as <see cref="LocalHttpServer"/> received it.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, without the query.</param>
/// <param name="QueryString">The query with its leading <c>?</c>, or empty.</param>
/// <param name="Headers">The headers, names compared without case.</param>
/// <param name="Body">The body as text.</param>
/// <param name="Timestamp">When it arrived, in <see cref="Stopwatch"/> ticks.</param>
public sealed record RecordedRequest(string Method, string Path, string QueryString, IReadOnlyDictionary<string, string> Headers, string Body, long Timestamp)
{
    /// <summary>The value of query parameter <paramref name="name"/>; null when absent.</summary>
    public string? Query(string name) => HttpUtility.ParseQueryString(QueryString)[name];

    /// <summary>The value of header <paramref name="name"/>; null when absent.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The time between <paramref name="earlier"/>'s arrival and this one's.</summary>
    public TimeSpan Since(RecordedRequest earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return Stopwatch.GetElapsedTime(earlier.Timestamp, Timestamp);
    }
}
