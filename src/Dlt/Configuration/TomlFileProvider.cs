using Tomlyn;
using Tomlyn.Model;

namespace Dlt.Configuration;

/// <summary>
/// <c>config.toml</c> or <c>secrets.toml</c>: the project file merged over the global one, key by key
/// (a key in the project file wins). Tables are sections: <c>[sources.github] api_key = "..."</c>.
/// </summary>
internal sealed class TomlFileProvider : IConfigProvider
{
    private const char Separator = '\u001f';

    private readonly Dictionary<string, (object Value, string File)> _leaves = new(StringComparer.Ordinal);
    private readonly List<ConfigProblem> _problems = [];

    /// <param name="fileName"><c>config.toml</c> or <c>secrets.toml</c>.</param>
    /// <param name="folders">The settings folders, least important first (global, then project).</param>
    public TomlFileProvider(string fileName, IEnumerable<string> folders)
    {
        Name = fileName;
        SupportsSecrets = fileName != ConfigFiles.ConfigToml;
        foreach (var folder in folders)
        {
            var path = Path.Combine(folder, fileName);
            if (File.Exists(path))
            {
                Load(path);
            }
        }
    }

    public string Name { get; }

    public bool SupportsSecrets { get; }

    /// <summary>Files that could not be read or parsed.</summary>
    public IReadOnlyList<ConfigProblem> Problems => _problems;

    /// <summary>Every value with its path, for the secrets check of <c>config.toml</c>.</summary>
    public IEnumerable<(string[] Path, object Value, string File)> Leaves =>
        _leaves.Select(l => (l.Key.Split(Separator), l.Value.Value, l.Value.File));

    public bool TryGet(IReadOnlyList<string> path, out ConfigValue value)
    {
        if (_leaves.TryGetValue(string.Join(Separator, path), out var found))
        {
            value = new ConfigValue(found.Value, string.Join('.', path), $"{Name} ({found.File})");
            return true;
        }

        value = default;
        return false;
    }

    private void Load(string path)
    {
        TomlTable table;
        try
        {
            table = TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(path), (TomlSerializerOptions)null!)!;
        }
        catch (TomlException ex)
        {
            // Tomlyn's message names the line, column and the syntax error, never the value.
            _problems.Add(new ConfigProblem("", $"{Name} ({path})", $"is not valid TOML: {ex.Message.Trim()}"));
            return;
        }
        catch (IOException ex)
        {
            _problems.Add(new ConfigProblem("", $"{Name} ({path})", $"cannot be read: {ex.Message}"));
            return;
        }

        Flatten(table, "", path);
    }

    private void Flatten(TomlTable table, string prefix, string file)
    {
        foreach (var (key, value) in table)
        {
            var path = prefix.Length == 0 ? key : prefix + Separator + key;
            if (value is TomlTable child)
            {
                Flatten(child, path, file);
            }
            else if (value is not null)
            {
                _leaves[path] = (value, file);
            }
        }
    }
}
