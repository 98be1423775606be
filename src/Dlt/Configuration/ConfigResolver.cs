using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Dlt.Configuration;

/// <summary>
/// A frozen snapshot of every provider, and dlt's lookup over them. Values given in code win
/// outright. Then every provider is asked, in precedence order (<see cref="IConfiguration"/>,
/// environment, <c>secrets.toml</c>, <c>config.toml</c>), first with the pipeline name as the
/// outermost section and then without it; within one provider the candidate sections are tried
/// from the most specific to the least. So a value in a more important provider wins over a more
/// specific section in a less important one, as in dlt.
/// </summary>
internal sealed class ConfigResolver
{
    private readonly ExplicitProvider _explicit;
    private readonly IReadOnlyList<IConfigProvider> _providers;
    private readonly ConcurrentDictionary<string, ResolvedConfigValue> _resolved = new(StringComparer.Ordinal);

    private ConfigResolver(string? pipelineName, ConfigFiles files, ExplicitProvider explicitValues, IReadOnlyList<IConfigProvider> providers, IReadOnlyList<ConfigProblem> fileProblems)
    {
        PipelineName = pipelineName;
        Files = files;
        _explicit = explicitValues;
        _providers = providers;
        FileProblems = fileProblems;
    }

    /// <summary>The pipeline name tried as the outermost section first; null outside a pipeline.</summary>
    public string? PipelineName { get; }

    /// <summary>Where the files and data live.</summary>
    public ConfigFiles Files { get; }

    /// <summary>Files that could not be parsed, and secrets found in <c>config.toml</c>.</summary>
    public IReadOnlyList<ConfigProblem> FileProblems { get; }

    /// <summary>Reads every provider now: <paramref name="environment"/> (the process's when null), <paramref name="configuration"/> and the TOML files.</summary>
    public static ConfigResolver Create(
        string? pipelineName,
        IReadOnlyDictionary<string, string>? environment = null,
        IConfiguration? configuration = null,
        ExplicitProvider? explicitValues = null)
    {
        environment ??= ProcessEnvironment();
        var files = new ConfigFiles(environment);
        var secretsToml = new TomlFileProvider(ConfigFiles.SecretsToml, files.SettingsFolders);
        var configToml = new TomlFileProvider(ConfigFiles.ConfigToml, files.SettingsFolders);
        var providers = new List<IConfigProvider>();
        if (configuration is not null)
        {
            providers.Add(new HostConfigurationProvider(configuration));
        }

        providers.Add(new EnvironmentProvider(environment));
        providers.Add(secretsToml);
        providers.Add(configToml);

        var problems = new List<ConfigProblem>();
        problems.AddRange(secretsToml.Problems);
        problems.AddRange(configToml.Problems);
        foreach (var (path, value, file) in configToml.Leaves.OrderBy(l => string.Join('.', l.Path), StringComparer.Ordinal))
        {
            if (SecretKeys.MustNotBeInConfigToml(path, value))
            {
                problems.Add(SecretInConfigToml(string.Join('.', path), $"{ConfigFiles.ConfigToml} ({file})"));
            }
        }

        var warnings = new List<string>();
        foreach (var toml in new[] { configToml, secretsToml })
        {
            warnings.AddRange(ConfigKeyCheck.Warnings(toml.Leaves.Select(l => (l.Path, l.File)), toml.Name, pipelineName));
        }

        return new ConfigResolver(pipelineName, files, explicitValues ?? new ExplicitProvider(), providers, problems) { KeyWarnings = warnings };
    }

    /// <summary>Misspelled keys and sections in dlt's own sections of the TOML files, one warning each.</summary>
    public IReadOnlyList<string> KeyWarnings { get; private init; } = [];

    /// <summary>The resolver of a pipeline: <paramref name="options"/> gives the explicit values, the host configuration and the environment.</summary>
    public static ConfigResolver ForPipeline(string pipelineName, PipelineOptions options)
    {
        var explicitValues = new ExplicitProvider();
        if (options.BufferMaxItems is { } bufferMaxItems)
        {
            explicitValues.Set("data_writer.buffer_max_items", (long)bufferMaxItems, "code (PipelineOptions.BufferMaxItems)");
        }

        return Create(pipelineName, options.EnvironmentVariables, options.Configuration, explicitValues);
    }

    /// <summary>A copy of the process's environment variables, taken once.</summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value)
            {
                variables[name] = value;
            }
        }

        return variables;
    }

    /// <summary>
    /// Finds <paramref name="key"/> under the first of <paramref name="sections"/> that holds it (most specific first).
    /// A secret (by name, or when <paramref name="secret"/>) is never taken from <c>config.toml</c>: finding
    /// it there returns <see cref="LookupOutcome.SecretInConfigToml"/>.
    /// </summary>
    public LookupOutcome Find(IReadOnlyList<string[]> sections, string key, bool secret, out ConfigValue value)
    {
        foreach (var section in sections)
        {
            if (_explicit.TryGet([.. section, key], out value))
            {
                Remember(value, secret);
                return LookupOutcome.Found;
            }
        }

        secret |= SecretKeys.IsSecret(key) && key != "credentials";
        foreach (var prefix in PipelineName is null ? [null] : new[] { PipelineName, null })
        {
            foreach (var provider in _providers)
            {
                foreach (var section in sections)
                {
                    string[] path = prefix is null ? [.. section, key] : [prefix, .. section, key];
                    if (provider.TryGet(path, out value))
                    {
                        Remember(value, secret);
                        return secret && !provider.SupportsSecrets ? LookupOutcome.SecretInConfigToml : LookupOutcome.Found;
                    }
                }
            }
        }

        value = default;
        return LookupOutcome.NotFound;
    }

    /// <summary>Every value found so far (dlt's <c>resolved_config_values</c>), by key; secrets without their value.</summary>
    public IReadOnlyList<ResolvedConfigValue> Resolved => [.. _resolved.Values.OrderBy(v => v.Key, StringComparer.Ordinal)];

    private void Remember(ConfigValue value, bool secret)
    {
        var isSecret = secret || value.FullKey.Split('.').Any(SecretKeys.IsSecret);
        var text = isSecret ? null : value.Raw switch
        {
            string s => s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            _ => value.Raw.ToString(),
        };
        _resolved[value.FullKey] = new ResolvedConfigValue(value.FullKey, value.Origin, text, isSecret);
    }

    /// <summary>The keys and environment variables looked at for <paramref name="key"/>, for a "missing value" message.</summary>
    public string DescribeLookup(IReadOnlyList<string[]> sections, string key)
    {
        var keys = new List<string>();
        foreach (var prefix in PipelineName is null ? [null] : new[] { PipelineName, null })
        {
            foreach (var section in sections)
            {
                keys.Add(string.Join('.', prefix is null ? [.. section, key] : (string[])[prefix, .. section, key]));
            }
        }

        var variables = keys.Select(k => EnvironmentProvider.VariableName(k.Split('.')));
        return $"keys {string.Join(", ", keys)} in {string.Join(", ", _providers.Select(p => p.Name))}; environment variables {string.Join(", ", variables)}";
    }

    public static ConfigProblem SecretInConfigToml(string key, string origin) =>
        new(key, origin, $"is a secret and must not be in {ConfigFiles.ConfigToml}: move it to {ConfigFiles.SecretsToml} or an environment variable");
}

/// <summary>What a lookup found.</summary>
internal enum LookupOutcome
{
    NotFound,
    Found,
    SecretInConfigToml,
}
