using Dlt.DuckDb;
using Dlt.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Dlt.Tests.Configuration;

/// <summary>
/// A temp project folder with its own <c>.dlt/config.toml</c> and <c>secrets.toml</c>, an environment
/// of its own (never the process's: <c>DLT_PROJECT_DIR</c> points at the folder and there is no
/// <c>HOME</c>, so <c>~/.dlt</c> is not read) and optionally a host <see cref="IConfiguration"/>.
/// </summary>
internal sealed class ConfigProject : IDisposable
{
    public const string PipelineName = "cfg_pipeline";

    private readonly TempDirectory _directory = new();
    private readonly Dictionary<string, string?> _hostValues = new(StringComparer.OrdinalIgnoreCase);

    public ConfigProject()
    {
        Environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["DLT_PROJECT_DIR"] = Root };
    }

    public string Root => _directory.Path;

    public Dictionary<string, string> Environment { get; }

    public string ConfigTomlPath => Path.Combine(Root, ".dlt", "config.toml");

    public string SecretsTomlPath => Path.Combine(Root, ".dlt", "secrets.toml");

    public string PipelinesDirectory => Path.Combine(Root, "pipelines");

    public ConfigProject ConfigToml(string toml) => Write(ConfigTomlPath, toml);

    public ConfigProject SecretsToml(string toml) => Write(SecretsTomlPath, toml);

    public ConfigProject Env(string name, string value)
    {
        Environment[name] = value;
        return this;
    }

    /// <summary>Adds a value to the host configuration (keys joined by <c>:</c>).</summary>
    public ConfigProject Host(string key, string value)
    {
        _hostValues[key] = value;
        return this;
    }

    public IConfiguration? Configuration =>
        _hostValues.Count == 0 ? null : new ConfigurationBuilder().AddInMemoryCollection(_hostValues).Build();

    public PipelineOptions Options => new()
    {
        PipelinesDirectory = PipelinesDirectory,
        EnvironmentVariables = Environment,
        Configuration = Configuration,
    };

    /// <summary>A pipeline over a DuckDB file of this folder, with DuckDB's settings left to the configuration.</summary>
    public Pipeline CreatePipeline(string name = PipelineName, PipelineOptions? options = null, Destination? destination = null) =>
        Pipeline.Create(name, destination ?? DuckDbDestination.Create(Path.Combine(Root, "test.duckdb")), "ds", options ?? Options);

    public Dlt.Configuration.PipelineSettings Settings(string name = PipelineName) => CreatePipeline(name).Settings;

    public void Dispose() => _directory.Dispose();

    private ConfigProject Write(string path, string toml)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, toml);
        return this;
    }
}
