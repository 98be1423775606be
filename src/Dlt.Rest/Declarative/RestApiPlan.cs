using System.Text.Json;
using System.Text.Json.Nodes;
using Dlt.Configuration;

namespace Dlt.Rest;

/// <summary>
/// Checks a <see cref="RestApiConfig"/> before any request: merges the resource defaults, binds
/// path parameters, finds each resource's parent from its placeholders and resolve params, and
/// refuses names, placeholders and parent chains that cannot work, listing every problem with its
/// path in the config.
/// </summary>
internal sealed class RestApiPlan
{
    private const string Origin = "rest_api config";
    private readonly List<ConfigProblem> _problems = [];

    private RestApiPlan(RestApiConfig config)
    {
        Config = config;
    }

    public RestApiConfig Config { get; }

    /// <summary>The resources in the config's order.</summary>
    public IReadOnlyList<ResourcePlan> Resources { get; private set; } = [];

    public ResourcePlan this[string name] => Resources.First(r => r.Name == name);

    /// <exception cref="ConfigException">The config has problems; every one is listed with its path.</exception>
    public static RestApiPlan Create(RestApiConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var plan = new RestApiPlan(config);
        plan.Build();
        return plan;
    }

    private void Build()
    {
        if (Config.Client is null)
        {
            Problem("client", "is required: an object with 'base_url'.");
        }
        else if (!Uri.TryCreate(Config.Client.BaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            Problem("client.base_url", $"is '{Config.Client.BaseUrl}': expected an absolute http or https URL.");
        }

        var resources = Config.Resources ?? [];
        var plans = new List<ResourcePlan>();
        for (var i = 0; i < resources.Count; i++)
        {
            if (Merge(Config.ResourceDefaults, resources[i]) is { } merged && Plan(merged, $"resources[{i}]") is { } plan)
            {
                plans.Add(plan);
            }
        }

        foreach (var duplicate in plans.GroupBy(p => p.Name).Where(g => g.Count() > 1))
        {
            Problem("resources", $"name '{duplicate.Key}' is used by {duplicate.Count()} resources: give each resource its own name.");
        }

        var byName = plans.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First());
        for (var i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            if (plan.Parent is { } parent)
            {
                if (!byName.TryGetValue(parent, out var parentPlan))
                {
                    Problem(PathOf(plan), $"refers to resource '{parent}', which is not in 'resources' (known: {string.Join(", ", byName.Keys)}).");
                }
                else if (parent == plan.Name)
                {
                    Problem(PathOf(plan), $"refers to itself as its parent resource '{parent}'.");
                }
                else
                {
                    parentPlan.Children.Add(plan.Name);
                }
            }
        }

        foreach (var plan in plans)
        {
            var chain = new List<string> { plan.Name };
            var current = plan;
            while (current.Parent is { } parent && parent != current.Name && byName.TryGetValue(parent, out var next))
            {
                if (chain.Contains(parent))
                {
                    if (parent == plan.Name)
                    {
                        Problem(PathOf(plan), $"is in a circular parent-child reference: {string.Join(" -> ", chain)} -> {parent}.");
                    }

                    break;
                }

                chain.Add(parent);
                current = next;
            }
        }

        if (_problems.Count > 0)
        {
            throw new ConfigException(_problems);
        }

        Resources = plans;

        string PathOf(ResourcePlan plan) => $"resources[{IndexOf(plan)}].endpoint";
        int IndexOf(ResourcePlan plan) => plans.IndexOf(plan);
    }

    private ResourcePlan? Plan(EndpointResource resource, string path)
    {
        if (string.IsNullOrWhiteSpace(resource.Name))
        {
            Problem($"{path}.name", "is required.");
            return null;
        }

        var name = resource.Name;
        var endpoint = resource.Endpoint ?? new Endpoint();
        var endpointPath = $"{path}.endpoint";
        HttpMethod method;
        try
        {
            method = HttpMethod.Parse(endpoint.Method ?? "GET");
        }
        catch (FormatException)
        {
            Problem($"{endpointPath}.method", $"is '{endpoint.Method}': expected an HTTP method such as GET or POST.");
            method = HttpMethod.Get;
        }

        if (endpoint.DataSelector is { } selector)
        {
            try
            {
                JsonPath.Parse(selector);
            }
            catch (ArgumentException ex)
            {
                Problem($"{endpointPath}.data_selector", ex.Message);
            }
        }

        // Static params named in the path are bound into it (dlt's _bind_path_params); resolve params must be.
        var parameters = new Dictionary<string, Placeholder>(StringComparer.Ordinal);
        var rawParameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var parentFields = new Dictionary<string, JsonPath>(StringComparer.Ordinal);
        var parents = new HashSet<string>(StringComparer.Ordinal);
        var resolves = new Dictionary<string, ResolveParam>(StringComparer.Ordinal);
        var incrementalParams = new List<(string Name, IncrementalConfig Config)>();
        foreach (var (key, value) in endpoint.Params ?? new Dictionary<string, object?>())
        {
            switch (value)
            {
                case ResolveParam resolve:
                    resolves[key] = resolve;
                    break;
                case IncrementalConfig paramIncremental:
                    incrementalParams.Add((key, paramIncremental));
                    break;
                case null:
                    break;
                default:
                    var raw = value is bool flag ? (flag ? "True" : "False") : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                    rawParameters[key] = raw;
                    if (Template(raw, $"{endpointPath}.params.{key}") is { } template)
                    {
                        parameters[key] = template;
                    }

                    break;
            }
        }

        var (incremental, incrementalPath) = EndpointIncremental(endpoint, incrementalParams, endpointPath);
        var cursorType = incremental is not null
            ? CheckIncremental(incremental, resource, parameters, incrementalPath)
            : null;
        var pathText = endpoint.Path ?? name;
        var boundPath = Template(pathText, $"{endpointPath}.path") is { } pathTemplate
            ? BindPath(pathTemplate, pathText, parameters, rawParameters, resolves, $"{endpointPath}.path")
            : null;
        foreach (var (key, resolve) in resolves)
        {
            if (boundPath is not null && !boundPath.Fields.Contains(key))
            {
                Problem($"{endpointPath}.params.{key}", $"is a resolve param that the path '{pathText}' does not use: put '{{{key}}}' in the path, or use '{{resources.{resolve.Resource}.{resolve.Field}}}' in a query param.");
            }

            parents.Add(resolve.Resource);
            if (FieldPath(resolve.Field, $"{endpointPath}.params.{key}.field") is { } field)
            {
                parentFields[key] = field;
            }
        }

        var headers = new Dictionary<string, Placeholder>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in endpoint.Headers ?? new Dictionary<string, string>())
        {
            if (Template(value, $"{endpointPath}.headers.{key}") is { } template)
            {
                headers[key] = template;
            }
        }

        JsonNode? json = null;
        if (endpoint.Json is { } body)
        {
            json = body as JsonNode ?? JsonSerializer.SerializeToNode(body, body.GetType());
        }

        var templates = new List<(Placeholder Template, string Path)>();
        if (boundPath is not null)
        {
            templates.Add((boundPath, $"{endpointPath}.path"));
        }

        templates.AddRange(parameters.Select(p => (p.Value, $"{endpointPath}.params.{p.Key}")));
        templates.AddRange(headers.Select(h => (h.Value, $"{endpointPath}.headers.{h.Key}")));
        CollectJsonTemplates(json, $"{endpointPath}.json", templates);
        foreach (var (template, where) in templates)
        {
            foreach (var field in template.Fields)
            {
                if (resolves.ContainsKey(field) && where.EndsWith(".path", StringComparison.Ordinal))
                {
                    continue;
                }

                if (field is "incremental.start_value" or "incremental.end_value")
                {
                    if (incremental is null)
                    {
                        Problem(where, $"has the placeholder '{{{field}}}', but the endpoint has no 'incremental': add one with 'cursor_path' and 'initial_value'.");
                    }
                    else if (field == "incremental.end_value" && incremental.EndValue is null)
                    {
                        Problem(where, $"has the placeholder '{{{field}}}', but the incremental has no 'end_value'.");
                    }

                    continue;
                }

                var parts = field.Split('.', 3);
                if (parts[0] != "resources")
                {
                    Problem(where, $"has the placeholder '{{{field}}}': expected '{{resources.<parent resource>.<field>}}', '{{incremental.start_value}}' or '{{incremental.end_value}}'.");
                }
                else if (parts.Length < 3 || parts[1].Length == 0 || parts[2].Length == 0)
                {
                    Problem(where, $"has the placeholder '{{{field}}}', which names no {(parts.Length < 2 || parts[1].Length == 0 ? "resource" : "field")}: expected '{{resources.<parent resource>.<field>}}'.");
                }
                else
                {
                    parents.Add(parts[1]);
                    if (FieldPath(parts[2], where) is { } fieldPath)
                    {
                        parentFields[field] = fieldPath;
                    }
                }
            }
        }

        if (parents.Count > 1)
        {
            Problem(endpointPath, $"refers to {parents.Count} parent resources ({string.Join(", ", parents.Order())}): a resource may have one parent.");
        }

        if (resource.IncludeFromParent is { Count: > 0 } && parents.Count == 0)
        {
            Problem($"{path}.include_from_parent", "is set, but the endpoint refers to no parent resource: use '{resources.<parent>.<field>}' or a resolve param.");
        }

        return new ResourcePlan
        {
            Name = name,
            Resource = resource,
            Path = boundPath ?? Placeholder.Empty,
            Method = method,
            Params = parameters,
            Headers = headers,
            Json = json,
            Paginator = endpoint.Paginator,
            DataSelector = endpoint.DataSelector,
            Auth = endpoint.Auth,
            ResponseActions = endpoint.ResponseActions ?? [],
            Parent = parents.FirstOrDefault(),
            ParentFields = parentFields,
            IncludeFromParent = resource.IncludeFromParent ?? [],
            ProcessingSteps = resource.ProcessingSteps ?? [],
            Selected = resource.Selected ?? true,
            Incremental = incremental,
            CursorType = cursorType,
        };
    }

    /// <summary>
    /// The endpoint's incremental and its path in the config: its <c>incremental</c>, or a param of
    /// type incremental (whose name is the start param); an endpoint has at most one.
    /// </summary>
    private (IncrementalConfig? Incremental, string Path) EndpointIncremental(Endpoint endpoint, List<(string Name, IncrementalConfig Config)> incrementalParams, string endpointPath)
    {
        if (incrementalParams.Count > 1 || (incrementalParams.Count == 1 && endpoint.Incremental is not null))
        {
            var names = incrementalParams.Select(p => $"params.{p.Name}").Concat(endpoint.Incremental is null ? [] : ["incremental"]);
            Problem(endpointPath, $"has {string.Join(" and ", names)}: an endpoint has one incremental, its 'incremental' or one param of type incremental.");
        }

        if (endpoint.Incremental is { } incremental)
        {
            return (incremental, $"{endpointPath}.incremental");
        }

        return incrementalParams.Count > 0
            ? (incrementalParams[0].Config with { StartParam = incrementalParams[0].Name, EndParam = null }, $"{endpointPath}.params.{incrementalParams[0].Name}")
            : (null, "");
    }

    /// <summary>Checks an incremental, adds its start and end params, and returns the cursor type its initial value picks (a string without one).</summary>
    private Type? CheckIncremental(IncrementalConfig incremental, EndpointResource resource, Dictionary<string, Placeholder> parameters, string where)
    {
        if (string.IsNullOrWhiteSpace(incremental.CursorPath))
        {
            Problem($"{where}.cursor_path", "is required: the field of each record that holds the cursor.");
        }

        if (resource.Selected == false)
        {
            Problem(where, "is set on a resource that is not selected: an incremental needs the resource to load (its state is kept with its table).");
        }

        if (incremental.LastValueFunc is not (null or "max" or "min"))
        {
            Problem($"{where}.last_value_func", $"is '{incremental.LastValueFunc}': expected 'max' or 'min'.");
        }

        var type = incremental.InitialValue is null ? typeof(string) : CursorTypeOf(incremental.InitialValue);
        if (incremental.InitialValue is null && incremental.EndValue is not null)
        {
            Problem($"{where}.initial_value", "is required with an end_value: the window starts there.");
        }
        else if (type is null && incremental.InitialValue is { } initial)
        {
            Problem($"{where}.initial_value", $"is a {initial.GetType().Name}: expected a string, an integer or a float.");
        }

        if (incremental.EndValue is { } end && incremental.InitialValue is not null && type is not null && CursorTypeOf(end) != type)
        {
            Problem($"{where}.end_value", $"is a {end.GetType().Name}, but initial_value is a {incremental.InitialValue!.GetType().Name}: give both the same type.");
        }

        if (incremental.StartParam is { Length: > 0 } start)
        {
            parameters[start] = Template("{incremental.start_value}", where)!;
        }

        if (incremental.EndParam is { Length: > 0 } endParam && incremental.EndValue is not null)
        {
            parameters[endParam] = Template("{incremental.end_value}", where)!;
        }

        return type;
    }

    private static Type? CursorTypeOf(object? value) => value switch
    {
        string => typeof(string),
        int or long => typeof(long),
        float or double => typeof(double),
        JsonValue json when json.GetValueKind() == JsonValueKind.String => typeof(string),
        JsonValue json when json.TryGetValue<long>(out _) => typeof(long),
        JsonValue json when json.GetValueKind() == JsonValueKind.Number => typeof(double),
        _ => null,
    };

    /// <summary>Replaces placeholders of static params in the path by their values and removes those params (dlt's behaviour).</summary>
    private Placeholder? BindPath(
        Placeholder path, string text, Dictionary<string, Placeholder> parameters, Dictionary<string, string> rawParameters, Dictionary<string, ResolveParam> resolves, string where)
    {
        var bound = path.Expand(field =>
        {
            if (field.Contains('.', StringComparison.Ordinal) || resolves.ContainsKey(field))
            {
                return "{" + field + "}";
            }

            if (rawParameters.TryGetValue(field, out var value))
            {
                parameters.Remove(field);
                return value.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
            }

            Problem(where, $"'{text}' has the placeholder '{{{field}}}', but endpoint.params has no '{field}': add it there (a value or a resolve param).");
            return "";
        });
        return Template(bound, where);
    }

    private void CollectJsonTemplates(JsonNode? node, string path, List<(Placeholder, string)> templates)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    CollectJsonTemplates(value, $"{path}.{key}", templates);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    CollectJsonTemplates(array[i], $"{path}[{i}]", templates);
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                if (Template(text, path) is { } template)
                {
                    templates.Add((template, path));
                }

                break;
        }
    }

    private Placeholder? Template(string text, string where)
    {
        if (Placeholder.TryParse(text, out var template, out var error))
        {
            return template;
        }

        Problem(where, error!);
        return null;
    }

    private JsonPath? FieldPath(string field, string where)
    {
        try
        {
            return JsonPath.Parse(field);
        }
        catch (ArgumentException ex)
        {
            Problem(where, ex.Message);
            return null;
        }
    }

    /// <summary>The resource over the defaults: its own values win; endpoint params and headers merge key by key (dlt's nested update).</summary>
    private static EndpointResource Merge(EndpointResource? defaults, EndpointResource resource)
    {
        if (defaults is null)
        {
            return resource;
        }

        var endpoint = resource.Endpoint;
        if (defaults.Endpoint is { } baseEndpoint)
        {
            var own = resource.Endpoint ?? new Endpoint();
            endpoint = new Endpoint
            {
                Path = own.Path ?? baseEndpoint.Path,
                Method = own.Method ?? baseEndpoint.Method,
                Params = MergeMaps(baseEndpoint.Params, own.Params),
                Json = own.Json ?? baseEndpoint.Json,
                Headers = MergeMaps(baseEndpoint.Headers, own.Headers),
                Paginator = own.Paginator ?? baseEndpoint.Paginator,
                DataSelector = own.DataSelector ?? baseEndpoint.DataSelector,
                Auth = own.Auth ?? baseEndpoint.Auth,
                ResponseActions = own.ResponseActions ?? baseEndpoint.ResponseActions,
                Incremental = own.Incremental ?? baseEndpoint.Incremental,
            };
        }

        return new EndpointResource
        {
            Name = resource.Name ?? defaults.Name,
            Endpoint = endpoint,
            TableName = resource.TableName ?? defaults.TableName,
            WriteDisposition = resource.WriteDisposition ?? defaults.WriteDisposition,
            MergeStrategy = resource.MergeStrategy ?? defaults.MergeStrategy,
            PrimaryKey = resource.PrimaryKey ?? defaults.PrimaryKey,
            MergeKey = resource.MergeKey ?? defaults.MergeKey,
            Columns = resource.Columns ?? defaults.Columns,
            MaxTableNesting = resource.MaxTableNesting ?? defaults.MaxTableNesting,
            Selected = resource.Selected ?? defaults.Selected,
            IncludeFromParent = resource.IncludeFromParent ?? defaults.IncludeFromParent,
            ProcessingSteps = resource.ProcessingSteps ?? defaults.ProcessingSteps,
        };
    }

    private static Dictionary<string, TValue>? MergeMaps<TValue>(IReadOnlyDictionary<string, TValue>? defaults, IReadOnlyDictionary<string, TValue>? own)
    {
        if (defaults is null && own is null)
        {
            return null;
        }

        var merged = new Dictionary<string, TValue>(defaults ?? new Dictionary<string, TValue>(), StringComparer.Ordinal);
        foreach (var (key, value) in own ?? new Dictionary<string, TValue>())
        {
            merged[key] = value;
        }

        return merged;
    }

    private void Problem(string path, string description) => _problems.Add(new ConfigProblem(path, Origin, description));
}
