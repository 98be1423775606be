using System.Text;
using System.Text.Json;
using Dlt.Rest;

namespace Dlt.Tests.Rest;

/// <summary>What a paginator reads from one response: the message with its headers, the parsed body and the selected records.</summary>
internal sealed class Responses : IDisposable
{
    private readonly JsonDocument? _document;

    public Responses(string? json, params (string Name, string Value)[] headers)
    {
        Message = new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        foreach (var (name, value) in headers)
        {
            Message.Headers.TryAddWithoutValidation(name, value);
        }

        Body = json is null ? [] : Encoding.UTF8.GetBytes(json);
        _document = json is null ? null : JsonDocument.Parse(Body.AsMemory());
    }

    public HttpResponseMessage Message { get; }

    public byte[] Body { get; }

    public JsonElement Root => _document?.RootElement ?? default;

    /// <summary>The records at <paramref name="selector"/>, detected when null.</summary>
    public IReadOnlyList<RawJson> Data(string? selector = null) =>
        PageItems.Select(Body, Root, selector is null ? DataSelectorDetector.Detect(Root) : JsonPath.Parse(selector));

    /// <summary>Feeds this response to <paramref name="paginator"/> and, when it has a next page, updates <paramref name="request"/>.</summary>
    public void Feed(Paginator paginator, RestRequest request, string? selector = null)
    {
        paginator.UpdateState(Message, Root, Data(selector));
        if (paginator.HasNextPage)
        {
            paginator.UpdateRequest(request);
        }
    }

    public void Dispose()
    {
        _document?.Dispose();
        Message.Dispose();
    }
}
