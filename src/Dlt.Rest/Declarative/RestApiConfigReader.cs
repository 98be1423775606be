using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dlt.Configuration;
using Tomlyn;
using Tomlyn.Model;

namespace Dlt.Rest;

/// <summary>
/// Reads a dlt <c>rest_api</c> dict written as JSON or TOML into a <see cref="RestApiConfig"/>:
/// the keys, paginator and auth types dlt accepts, every problem collected with its path
/// (<c>resources[1].endpoint.paginator.limit</c>) and raised together.
/// </summary>
internal sealed class RestApiConfigReader
{
    private static readonly string[] s_rootKeys = ["client", "resources", "resource_defaults"];
    private static readonly string[] s_clientKeys = ["base_url", "headers", "auth", "paginator"];
    private static readonly string[] s_resourceKeys =
        ["name", "endpoint", "table_name", "write_disposition", "primary_key", "merge_key", "columns", "max_table_nesting", "selected", "include_from_parent", "processing_steps"];

    private static readonly string[] s_endpointKeys =
        ["path", "method", "params", "json", "headers", "paginator", "data_selector", "auth", "response_actions", "incremental"];

    private static readonly string[] s_incrementalKeys =
        ["cursor_path", "initial_value", "end_value", "start_param", "end_param", "lag", "range_start", "range_end", "on_cursor_value_missing", "row_order", "last_value_func"];

    /// <summary>The keys of an incremental written as a param (<c>{"type": "incremental", ...}</c>): the param's name is its start param.</summary>
    private static readonly string[] s_incrementalParamKeys =
        ["type", .. s_incrementalKeys.Where(k => k is not ("start_param" or "end_param"))];

    private static readonly string[] s_columnKeys = ["data_type", "nullable", "primary_key", "merge_key", "precision", "scale", "hard_delete"];

    private static readonly Dictionary<string, string[]> s_paginatorKeys = new(StringComparer.Ordinal)
    {
        ["auto"] = [],
        ["single_page"] = [],
        ["json_link"] = ["next_url_path"],
        ["json_response"] = ["next_url_path"],
        ["header_link"] = ["links_next_key"],
        ["header_cursor"] = ["cursor_key", "cursor_param"],
        ["cursor"] = ["cursor_path", "cursor_param", "stop_after_empty_page", "has_more_path"],
        ["offset"] = ["limit", "offset", "offset_param", "limit_param", "total_path", "maximum_offset", "stop_after_empty_page", "has_more_path"],
        ["page_number"] = ["base_page", "page", "page_param", "total_path", "maximum_page", "stop_after_empty_page", "has_more_path"],
    };

    private readonly string _origin;
    private readonly List<ConfigProblem> _problems = [];

    private RestApiConfigReader(string origin) => _origin = origin;

    public static RestApiConfig FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new ConfigException([new ConfigProblem("", "rest_api config (JSON)", $"is not valid JSON: {ex.Message}")]);
        }

        return new RestApiConfigReader("rest_api config (JSON)").Read(root);
    }

    public static RestApiConfig FromToml(string toml)
    {
        ArgumentNullException.ThrowIfNull(toml);
        TomlTable table;
        try
        {
            table = TomlSerializer.Deserialize<TomlTable>(toml, (TomlSerializerOptions)null!)!;
        }
        catch (TomlException ex)
        {
            throw new ConfigException([new ConfigProblem("", "rest_api config (TOML)", $"is not valid TOML: {ex.Message.Trim()}")]);
        }

        return new RestApiConfigReader("rest_api config (TOML)").Read(ToNode(table));
    }

    private RestApiConfig Read(JsonNode? root)
    {
        if (root is not JsonObject config)
        {
            throw new ConfigException([new ConfigProblem("", _origin, "must be an object with 'client' and 'resources'.")]);
        }

        CheckKeys(config, "", s_rootKeys);
        var client = ReadClient(config["client"], "client");
        var defaults = config["resource_defaults"] is { } defaultsNode ? ReadResource(defaultsNode, "resource_defaults", isDefaults: true) : null;
        var resources = new List<EndpointResource>();
        if (config["resources"] is JsonArray list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                resources.Add(ReadResource(list[i], $"resources[{i}]", isDefaults: false));
            }
        }
        else
        {
            Problem("resources", "is required: a list of resource names or resource objects.");
        }

        if (_problems.Count > 0)
        {
            throw new ConfigException(_problems);
        }

        return new RestApiConfig { Client = client!, ResourceDefaults = defaults, Resources = resources };
    }

    private RestApiClientConfig? ReadClient(JsonNode? node, string path)
    {
        if (node is not JsonObject client)
        {
            Problem(path, "is required: an object with 'base_url'.");
            return null;
        }

        CheckKeys(client, path, s_clientKeys);
        var baseUrl = String(client["base_url"], $"{path}.base_url");
        if (baseUrl is null)
        {
            Problem($"{path}.base_url", "is required: the absolute URL of the API.");
        }

        return new RestApiClientConfig
        {
            BaseUrl = baseUrl ?? "",
            Headers = StringMap(client["headers"], $"{path}.headers"),
            Auth = ReadAuth(client["auth"], $"{path}.auth"),
            Paginator = ReadPaginator(client["paginator"], $"{path}.paginator"),
        };
    }

    private EndpointResource ReadResource(JsonNode? node, string path, bool isDefaults)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var name))
        {
            return name;
        }

        if (node is not JsonObject resource)
        {
            Problem(path, "must be a resource name or an object with 'name' and 'endpoint'.");
            return new EndpointResource();
        }

        CheckKeys(resource, path, s_resourceKeys);
        if (resource.ContainsKey("processing_steps"))
        {
            Problem($"{path}.processing_steps", "holds code: set ProcessingSteps on the EndpointResource in C# instead.");
        }

        var resourceName = String(resource["name"], $"{path}.name");
        if (resourceName is null && !isDefaults)
        {
            Problem($"{path}.name", "is required.");
        }

        var (disposition, strategy) = ReadWriteDisposition(resource["write_disposition"], $"{path}.write_disposition");
        return new EndpointResource
        {
            Name = resourceName,
            Endpoint = ReadEndpoint(resource["endpoint"], $"{path}.endpoint"),
            TableName = String(resource["table_name"], $"{path}.table_name"),
            WriteDisposition = disposition,
            MergeStrategy = strategy,
            PrimaryKey = StringList(resource["primary_key"], $"{path}.primary_key"),
            MergeKey = StringList(resource["merge_key"], $"{path}.merge_key"),
            Columns = ReadColumns(resource["columns"], $"{path}.columns"),
            MaxTableNesting = (int?)Integer(resource["max_table_nesting"], $"{path}.max_table_nesting"),
            Selected = Boolean(resource["selected"], $"{path}.selected"),
            IncludeFromParent = StringList(resource["include_from_parent"], $"{path}.include_from_parent"),
        };
    }

    private Endpoint? ReadEndpoint(JsonNode? node, string path)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonValue value when value.TryGetValue<string>(out var endpointPath):
                return endpointPath;
            case JsonObject endpoint:
                CheckKeys(endpoint, path, s_endpointKeys);
                return new Endpoint
                {
                    Path = String(endpoint["path"], $"{path}.path"),
                    Method = String(endpoint["method"], $"{path}.method"),
                    Params = ReadParams(endpoint["params"], $"{path}.params"),
                    Json = endpoint["json"]?.DeepClone(),
                    Headers = StringMap(endpoint["headers"], $"{path}.headers"),
                    Paginator = ReadPaginator(endpoint["paginator"], $"{path}.paginator"),
                    DataSelector = String(endpoint["data_selector"], $"{path}.data_selector"),
                    Auth = ReadAuth(endpoint["auth"], $"{path}.auth"),
                    ResponseActions = ReadResponseActions(endpoint["response_actions"], $"{path}.response_actions"),
                    Incremental = ReadIncremental(endpoint["incremental"], $"{path}.incremental"),
                };
            default:
                Problem(path, "must be a path or an object with 'path'.");
                return null;
        }
    }

    private Dictionary<string, object?>? ReadParams(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject parameters)
        {
            Problem(path, "must be an object of parameter names and values.");
            return null;
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            var valuePath = $"{path}.{name}";
            if (value is JsonObject bound)
            {
                var type = String(bound["type"], $"{valuePath}.type");
                if (type == "resolve")
                {
                    CheckKeys(bound, valuePath, ["type", "resource", "field"]);
                    var resource = String(bound["resource"], $"{valuePath}.resource");
                    var field = String(bound["field"], $"{valuePath}.field");
                    if (resource is null || field is null)
                    {
                        Problem(valuePath, "a resolve param needs 'resource' and 'field'.");
                        continue;
                    }

                    result[name] = new ResolveParam(resource, field);
                }
                else if (type == "incremental")
                {
                    result[name] = ReadIncremental(bound, valuePath, s_incrementalParamKeys);
                }
                else
                {
                    Problem($"{valuePath}.type", $"is '{type}': expected 'resolve' or 'incremental'.");
                }
            }
            else
            {
                result[name] = value is null ? null : Scalar(value, valuePath);
            }
        }

        return result;
    }

    private IncrementalConfig? ReadIncremental(JsonNode? node, string path, string[]? keys = null)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject incremental)
        {
            Problem(path, "must be an object with 'cursor_path' (and 'initial_value').");
            return null;
        }

        if (incremental.ContainsKey("convert"))
        {
            Problem($"{path}.convert", "is a function, which a JSON or TOML config cannot hold: set IncrementalConfig.Convert in C#.");
        }

        CheckKeys(incremental, path, [.. keys ?? s_incrementalKeys, "convert"]);
        var lag = incremental["lag"] is JsonValue lagValue && lagValue.GetValueKind() == JsonValueKind.Number
            ? lagValue.GetValue<double>()
            : incremental["lag"] is null ? (double?)null : Invalid<double?>($"{path}.lag", "must be a number.");
        return new IncrementalConfig
        {
            CursorPath = String(incremental["cursor_path"], $"{path}.cursor_path"),
            InitialValue = CursorValue(incremental["initial_value"], $"{path}.initial_value"),
            EndValue = CursorValue(incremental["end_value"], $"{path}.end_value"),
            StartParam = String(incremental["start_param"], $"{path}.start_param"),
            EndParam = String(incremental["end_param"], $"{path}.end_param"),
            Lag = lag,
            RangeStart = Choice(incremental["range_start"], $"{path}.range_start", ("closed", RangeBoundary.Closed), ("open", RangeBoundary.Open)),
            RangeEnd = Choice(incremental["range_end"], $"{path}.range_end", ("closed", RangeBoundary.Closed), ("open", RangeBoundary.Open)),
            OnCursorValueMissing = Choice(
                incremental["on_cursor_value_missing"], $"{path}.on_cursor_value_missing", ("raise", CursorValueMissing.Raise), ("include", CursorValueMissing.Include), ("exclude", CursorValueMissing.Exclude)),
            RowOrder = Choice(incremental["row_order"], $"{path}.row_order", ("asc", RowOrder.Ascending), ("desc", RowOrder.Descending)),
            LastValueFunc = String(incremental["last_value_func"], $"{path}.last_value_func"),
        };
    }

    /// <summary>A cursor value as its JSON type picks it: a string, an integer (long) or a float (double).</summary>
    private object? CursorValue(JsonNode? node, string path) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.TryGetValue<long>(out var integer) => integer,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<double>(),
        _ => Invalid<object?>(path, "must be a string, an integer or a float."),
    };

    private T? Choice<T>(JsonNode? node, string path, params (string Name, T Value)[] choices)
        where T : struct
    {
        if (String(node, path) is not { } name)
        {
            return null;
        }

        foreach (var (choice, value) in choices)
        {
            if (choice == name)
            {
                return value;
            }
        }

        Problem(path, $"is '{name}': expected {string.Join(" or ", choices.Select(c => $"'{c.Name}'"))}.");
        return null;
    }

    private List<ResponseAction>? ReadResponseActions(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray list)
        {
            Problem(path, "must be a list of objects with 'status_code', 'content' and 'action'.");
            return null;
        }

        var actions = new List<ResponseAction>();
        for (var i = 0; i < list.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (list[i] is not JsonObject action)
            {
                Problem(itemPath, "must be an object with 'status_code', 'content' and 'action'.");
                continue;
            }

            CheckKeys(action, itemPath, ["status_code", "content", "action"]);
            var status = action["status_code"] is JsonValue statusValue && statusValue.TryGetValue<string>(out var statusText)
                ? (int.TryParse(statusText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : Invalid<int?>($"{itemPath}.status_code", "is not a status code."))
                : (int?)Integer(action["status_code"], $"{itemPath}.status_code");
            var kind = String(action["action"], $"{itemPath}.action");
            if (kind != "ignore")
            {
                Problem($"{itemPath}.action", kind is null ? "is required: 'ignore' (hooks are C# only: ResponseAction.Hook)." : $"is '{kind}': expected 'ignore' (hooks are C# only: ResponseAction.Hook).");
            }

            actions.Add(new ResponseAction { StatusCode = status, Content = String(action["content"], $"{itemPath}.content"), Action = kind });
        }

        return actions;
    }

    private List<ColumnHint>? ReadColumns(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject columns)
        {
            Problem(path, "must be an object of column names and their hints.");
            return null;
        }

        var hints = new List<ColumnHint>();
        foreach (var (name, value) in columns)
        {
            var columnPath = $"{path}.{name}";
            if (value is not JsonObject column)
            {
                Problem(columnPath, "must be an object such as {\"data_type\": \"bigint\"}.");
                continue;
            }

            CheckKeys(column, columnPath, s_columnKeys);
            DataType? type = null;
            if (String(column["data_type"], $"{columnPath}.data_type") is { } typeName)
            {
                type = typeName == "complex" ? DataType.Json
                    : Enum.TryParse<DataType>(typeName, ignoreCase: true, out var parsed) && !typeName.Any(char.IsDigit) ? parsed
                    : Invalid<DataType?>($"{columnPath}.data_type", $"is '{typeName}': expected one of text, double, bool, timestamp, bigint, binary, json, decimal, wei, date, time.");
            }

            hints.Add(new ColumnHint(name, type)
            {
                Nullable = Boolean(column["nullable"], $"{columnPath}.nullable") ?? true,
                PrimaryKey = Boolean(column["primary_key"], $"{columnPath}.primary_key") ?? false,
                MergeKey = Boolean(column["merge_key"], $"{columnPath}.merge_key") ?? false,
                HardDelete = Boolean(column["hard_delete"], $"{columnPath}.hard_delete") ?? false,
                Precision = (int?)Integer(column["precision"], $"{columnPath}.precision"),
                Scale = (int?)Integer(column["scale"], $"{columnPath}.scale"),
            });
        }

        return hints;
    }

    private (WriteDisposition?, MergeStrategy?) ReadWriteDisposition(JsonNode? node, string path)
    {
        var (text, strategyText) = node switch
        {
            null => (null, null),
            JsonObject disposition => (String(disposition["disposition"], $"{path}.disposition"), String(disposition["strategy"], $"{path}.strategy")),
            _ => (String(node, path), null),
        };
        if (node is JsonObject checkedObject)
        {
            CheckKeys(checkedObject, path, ["disposition", "strategy"]);
        }

        WriteDisposition? result = text switch
        {
            null => null,
            "append" => WriteDisposition.Append,
            "replace" => WriteDisposition.Replace,
            "merge" => WriteDisposition.Merge,
            _ => Invalid<WriteDisposition?>(path, $"is '{text}': expected append, replace or merge."),
        };
        MergeStrategy? strategy = strategyText switch
        {
            null => null,
            "delete-insert" => MergeStrategy.DeleteInsert,
            "upsert" => MergeStrategy.Upsert,
            "scd2" => MergeStrategy.Scd2,
            _ => Invalid<MergeStrategy?>($"{path}.strategy", $"is '{strategyText}': expected delete-insert, upsert or scd2."),
        };
        return (result, strategy);
    }

    private RestAuth? ReadAuth(JsonNode? node, string path)
    {
        string? type;
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (node)
        {
            case null:
                return null;
            case JsonObject auth:
                type = auth["type"] is null ? "bearer" : String(auth["type"], $"{path}.type");
                if (type is null || !ConfiguredAuth.Fields.TryGetValue(type, out var fields))
                {
                    break;
                }

                CheckKeys(auth, path, ["type", .. fields]);
                foreach (var (key, value) in auth)
                {
                    if (key == "access_token_request_data" && value is JsonObject data)
                    {
                        foreach (var (dataKey, dataValue) in data)
                        {
                            given[$"{key}.{dataKey}"] = Scalar(dataValue, $"{path}.{key}.{dataKey}") ?? "";
                        }
                    }
                    else if (key != "type" && value is not null)
                    {
                        given[key] = Scalar(value, $"{path}.{key}") ?? "";
                    }
                }

                break;
            default:
                type = String(node, path);
                break;
        }

        if (type is null || !ConfiguredAuth.Fields.ContainsKey(type))
        {
            Problem(path.EndsWith(".type", StringComparison.Ordinal) || node is JsonObject ? $"{path}.type" : path,
                $"is '{type}': expected one of {string.Join(", ", ConfiguredAuth.Fields.Keys)}.");
            return null;
        }

        return new ConfiguredAuth(type, given);
    }

    private Paginator? ReadPaginator(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        var options = node as JsonObject ?? [];
        var type = node is JsonObject ? String(options["type"], $"{path}.type") : String(node, path);
        if (type is null || !s_paginatorKeys.TryGetValue(type, out var keys))
        {
            Problem(node is JsonObject ? $"{path}.type" : path, $"is '{type}': expected one of {string.Join(", ", s_paginatorKeys.Keys)}.");
            return null;
        }

        CheckKeys(options, path, ["type", .. keys]);
        string Text(string key, string fallback) => String(options[key], $"{path}.{key}") ?? fallback;
        string? OptionalText(string key, string? fallback) => options.ContainsKey(key) ? String(options[key], $"{path}.{key}") : fallback;
        bool Flag(string key, bool fallback) => Boolean(options[key], $"{path}.{key}") ?? fallback;
        try
        {
            return type switch
            {
                "auto" => null,
                "single_page" => new SinglePagePaginator(),
                "json_link" or "json_response" => new JsonLinkPaginator(Text("next_url_path", "next")),
                "header_link" => new HeaderLinkPaginator(Text("links_next_key", "next")),
                "header_cursor" => new HeaderCursorPaginator(Text("cursor_key", "next"), Text("cursor_param", "cursor")),
                "cursor" => new JsonResponseCursorPaginator(
                    Text("cursor_path", "cursors.next"), Text("cursor_param", "cursor"), Flag("stop_after_empty_page", false), OptionalText("has_more_path", null)),
                "offset" => new OffsetPaginator(
                    (int?)Integer(options["limit"], $"{path}.limit") ?? Invalid<int>($"{path}.limit", "is required by the offset paginator: the number of items per page."),
                    Integer(options["offset"], $"{path}.offset") ?? 0, Text("offset_param", "offset"), Text("limit_param", "limit"),
                    OptionalText("total_path", "total"), Integer(options["maximum_offset"], $"{path}.maximum_offset"), Flag("stop_after_empty_page", true),
                    OptionalText("has_more_path", null)),
                "page_number" => new PageNumberPaginator(
                    Integer(options["base_page"], $"{path}.base_page") ?? 0, Integer(options["page"], $"{path}.page"), Text("page_param", "page"),
                    OptionalText("total_path", "total"), Integer(options["maximum_page"], $"{path}.maximum_page"), Flag("stop_after_empty_page", true),
                    OptionalText("has_more_path", null)),
                _ => null,
            };
        }
        catch (ArgumentException ex)
        {
            Problem(path, ex.Message);
            return null;
        }
    }

    private void CheckKeys(JsonObject node, string path, IReadOnlyCollection<string> known)
    {
        foreach (var (key, _) in node)
        {
            if (!known.Contains(key))
            {
                Problem(path.Length == 0 ? key : $"{path}.{key}", $"is not a known key here: expected one of {string.Join(", ", known)}.");
            }
        }
    }

    private string? String(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return text;
        }

        Problem(path, $"must be a string, not {node.GetValueKind().ToString().ToLowerInvariant()}.");
        return null;
    }

    private long? Integer(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var integer))
        {
            return integer;
        }

        return Invalid<long?>(path, "must be an integer.");
    }

    private bool? Boolean(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue<bool>(out var flag))
        {
            return flag;
        }

        return Invalid<bool?>(path, "must be true or false.");
    }

    /// <summary>A scalar as text, the way Python's <c>str()</c> writes it into a query (<c>True</c>, <c>10</c>, <c>1.5</c>).</summary>
    private string? Scalar(JsonNode? node, string path) => node?.GetValueKind() switch
    {
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.Number => node.ToJsonString(),
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        _ => Invalid<string?>(path, "must be a string, a number or a boolean."),
    };

    private Dictionary<string, string>? StringMap(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject map)
        {
            Problem(path, "must be an object of names and string values.");
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            result[key] = Scalar(value, $"{path}.{key}") ?? "";
        }

        return result;
    }

    private List<string>? StringList(JsonNode? node, string path) => node switch
    {
        null => null,
        JsonArray list => [.. list.Select((item, i) => String(item, $"{path}[{i}]") ?? "")],
        _ => String(node, path) is { } single ? [single] : null,
    };

    private T Invalid<T>(string path, string description)
    {
        Problem(path, description);
        return default!;
    }

    private void Problem(string path, string description) => _problems.Add(new ConfigProblem(path, _origin, description));

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        TomlTable table => new JsonObject(table.Select(pair => KeyValuePair.Create(pair.Key, ToNode(pair.Value)))),
        TomlTableArray tables => new JsonArray([.. tables.Select(ToNode)]),
        TomlArray array => new JsonArray([.. array.Select(ToNode)]),
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        long integer => JsonValue.Create(integer),
        double number => JsonValue.Create(number),
        DateTime or DateTimeOffset or TomlDateTime => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(value.ToString()),
    };
}
