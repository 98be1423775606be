namespace Dlt.Rest;

/// <summary>
/// What to do with a response that has <see cref="StatusCode"/> and/or contains <see cref="Content"/>
/// (dlt's <c>response_actions</c> entry): <c>"ignore"</c> ends the endpoint's pagination without
/// records (for a child, only that parent record's requests); a <see cref="Hook"/> may change the
/// response before its status is checked.
/// </summary>
public sealed record ResponseAction
{
    /// <summary>The status code the action applies to (<c>status_code</c>). <value>The default value is <see langword="null"/>: any.</value></summary>
    public int? StatusCode { get; init; }

    /// <summary>Text the body must contain (<c>content</c>). <value>The default value is <see langword="null"/>: any body.</value></summary>
    public string? Content { get; init; }

    /// <summary>The action (<c>action</c>): <c>"ignore"</c>. <value>The default value is <see langword="null"/>: run <see cref="Hook"/>.</value></summary>
    public string? Action { get; init; }

    /// <summary>
    /// Code run on a matching response, before its status is checked (C# only); it may replace the response's content or status.
    /// <value>The default value is <see langword="null"/>: none.</value>
    /// </summary>
    public Func<HttpResponseMessage, CancellationToken, Task>? Hook { get; init; }
}
