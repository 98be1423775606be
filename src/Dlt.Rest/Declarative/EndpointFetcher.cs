using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dlt.Rest;

/// <summary>
/// Requests one resource's endpoint (once, or once per parent record) and turns each response into
/// the records it loads: the data selector, the parent's fields (<c>_&lt;parent&gt;_&lt;field&gt;</c>),
/// then the processing steps.
/// </summary>
internal sealed class EndpointFetcher(ResourcePlan plan, RestClient client, IReadOnlyDictionary<string, IncrementalRequestValues> incrementals)
{
    private const string IncrementalPrefix = "incremental.";

    public ResourcePlan Plan => plan;

    /// <summary>Walks the endpoint's pages for <paramref name="parent"/> (null for a top-level resource).</summary>
    public async IAsyncEnumerable<RawJson[]> PagesAsync(RawJson? parent, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        JsonDocument? parentDocument = parent is { } record ? JsonDocument.Parse(record.Utf8) : null;
        try
        {
            var request = CreateRequest(parentDocument?.RootElement);
            var selector = plan.DataSelector is { } text ? JsonPath.Parse(text) : null;
            var pages = client.PaginateRequestAsync(request, plan.Paginator, plan.DataSelector, plan.Auth, plan.ResponseActions.Count > 0 ? ApplyResponseActionsAsync : null, cancellationToken);
            await using var enumerator = pages.GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                RestPage page;
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }

                    page = enumerator.Current;
                }
                catch (RestHttpException ex) when (ex.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    var auth = plan.Auth ?? client.Options.Auth;
                    throw new RestApiException(
                        $"Resource '{plan.Name}': {ex.Message}. The request was authenticated with {(auth is null ? "no auth (set client.auth)" : auth.ToString())}: check those credentials; {(int)ex.StatusCode} is not retried.",
                        ex);
                }

                if (page.Count == 0 && selector is not null)
                {
                    await CheckSelectorMatchedAsync(page, selector, cancellationToken).ConfigureAwait(false);
                }

                yield return Process(page, parentDocument?.RootElement);
            }
        }
        finally
        {
            parentDocument?.Dispose();
        }
    }

    /// <summary>Every record of the endpoint for <paramref name="parent"/>, all pages in one array (a deferred child request).</summary>
    public async Task<RawJson[]> AllRecordsAsync(RawJson parent, CancellationToken cancellationToken)
    {
        var records = new List<RawJson>();
        await foreach (var page in PagesAsync(parent, cancellationToken).ConfigureAwait(false))
        {
            records.AddRange(page);
        }

        return [.. records];
    }

    private RestRequest CreateRequest(JsonElement? parent)
    {
        var incremental = Incremental();
        string Value(string field) =>
            incremental is not null && field.StartsWith(IncrementalPrefix, StringComparison.Ordinal) ? incremental.Text(field)
            : parent is { } record && plan.ParentFields.ContainsKey(field) ? ParentText(ParentValue(record, field))
            : "{" + field + "}";
        var query = plan.Params.ToDictionary(p => p.Key, p => p.Value.Expand(Value), StringComparer.Ordinal);
        if (incremental is { HasStart: false } && plan.Incremental?.StartParam is { } startParam)
        {
            // No start value yet (a first run without initial_value): dlt sends None, which requests leaves out.
            query.Remove(startParam);
        }

        var headers = plan.Headers.ToDictionary(h => h.Key, h => h.Value.Expand(Value), StringComparer.OrdinalIgnoreCase);
        var json = plan.Json is null ? null : ExpandJson(plan.Json, parent, incremental, Value);
        return client.CreateRequest(plan.Method, plan.Path.Expand(Value), query, json, headers);
    }

    /// <summary>The cursor values of this run, when the resource has an incremental.</summary>
    private IncrementalRequestValues? Incremental()
    {
        if (plan.Incremental is null)
        {
            return null;
        }

        return incrementals.TryGetValue(plan.Name, out var values)
            ? values
            : throw new RestApiException($"Resource '{plan.Name}' has an incremental, but no pipeline bound it to a run: load it with its source in a pipeline (select it) so its cursor state is read.");
    }

    private JsonNode? ExpandJson(JsonNode? node, JsonElement? parent, IncrementalRequestValues? incremental, Func<string, string> value) => node switch
    {
        null => null,
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, ExpandJson(p.Value, parent, incremental, value)))),
        JsonArray array => new JsonArray([.. array.Select(item => ExpandJson(item, parent, incremental, value))]),
        JsonValue json when json.TryGetValue<string>(out var text) && Placeholder.TryParse(text, out var template, out _) && (parent is not null || template.Fields.Any()) =>
            template.SingleField switch
            {
                { } single when parent is { } record && plan.ParentFields.ContainsKey(single) => JsonSerializer.SerializeToNode(ParentValue(record, single)),
                { } single when incremental is not null && single.StartsWith(IncrementalPrefix, StringComparison.Ordinal) => incremental.Json(single),
                _ => JsonValue.Create(template.Expand(value)),
            },
        _ => node.DeepClone(),
    };

    private JsonElement ParentValue(JsonElement parent, string placeholder)
    {
        var path = plan.ParentFields[placeholder];
        if (path.TryFind(parent, out var value))
        {
            return value;
        }

        var fields = parent.ValueKind == JsonValueKind.Object ? string.Join(", ", parent.EnumerateObject().Select(p => p.Name)) : parent.ValueKind.ToString();
        throw new RestApiException(
            $"Resource '{plan.Name}' needs the field '{path}' of each record of its parent resource '{plan.Parent}' (placeholder '{{{placeholder}}}'), but a record has no such field. Its fields: {fields}.");
    }

    /// <summary>A parent value as Python's <c>str()</c> writes it into a URL or header.</summary>
    private static string ParentText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Null => "None",
        _ => value.GetRawText(),
    };

    private RawJson[] Process(RestPage page, JsonElement? parent)
    {
        if (plan.ProcessingSteps.Count == 0 && (plan.IncludeFromParent.Count == 0 || parent is null))
        {
            return [.. page];
        }

        var records = new List<RawJson>(page.Count);
        foreach (var item in page)
        {
            if (JsonNode.Parse(item.Utf8.Span) is not JsonObject record)
            {
                records.Add(item);
                continue;
            }

            if (parent is { } parentRecord)
            {
                foreach (var field in plan.IncludeFromParent)
                {
                    if (parentRecord.ValueKind != JsonValueKind.Object || !parentRecord.TryGetProperty(field, out var value))
                    {
                        throw new RestApiException(
                            $"Resource '{plan.Name}' includes the field '{field}' of its parent resource '{plan.Parent}' (include_from_parent), but a parent record has no such field.");
                    }

                    record[$"_{plan.Parent}_{field}"] = JsonSerializer.SerializeToNode(value);
                }
            }

            JsonObject? processed = record;
            foreach (var step in plan.ProcessingSteps)
            {
                processed = step.Apply(processed);
                if (processed is null)
                {
                    break;
                }
            }

            if (processed is not null)
            {
                records.Add(new RawJson(JsonSerializer.SerializeToUtf8Bytes(processed)));
            }
        }

        return [.. records];
    }

    private async Task CheckSelectorMatchedAsync(RestPage page, JsonPath selector, CancellationToken cancellationToken)
    {
        var body = await page.Response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (body.Length == 0)
        {
            return;
        }

        using var document = JsonDocument.Parse(body);
        if (!selector.TryFind(document.RootElement, out _))
        {
            var keys = document.RootElement.ValueKind == JsonValueKind.Object ? string.Join(", ", document.RootElement.EnumerateObject().Select(p => p.Name)) : document.RootElement.ValueKind.ToString().ToLowerInvariant();
            throw new RestApiException(
                $"Resource '{plan.Name}': the data_selector '{selector}' matches nothing in the response of {page.Request.Method} {page.Request.RequestUri?.AbsolutePath} (top level: {keys}). Set data_selector to where the records are.");
        }
    }

    private async Task ApplyResponseActionsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? content = null;
        foreach (var action in plan.ResponseActions)
        {
            if (action.StatusCode is { } status && (int)response.StatusCode != status)
            {
                continue;
            }

            if (action.Content is { } expected)
            {
                content ??= await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (!content.Contains(expected, StringComparison.Ordinal))
                {
                    continue;
                }
            }

            if (action.Hook is { } hook)
            {
                await hook(response, cancellationToken).ConfigureAwait(false);
                content = null;
            }
            else if (action.Action == "ignore")
            {
                throw new ResponseIgnoredException();
            }
        }
    }
}
