namespace Dlt.Configuration;

/// <summary>
/// Where configuration files and data live, worked out from the environment variables dlt reads
/// (<c>DLT_PROJECT_DIR</c>, <c>DLT_CONFIG_FOLDER</c>, <c>DLT_DATA_DIR</c>, <c>DLT_LOCAL_DIR</c>) and the home folder.
/// </summary>
internal sealed class ConfigFiles
{
    public const string ConfigToml = "config.toml";
    public const string SecretsToml = "secrets.toml";
    private const string DefaultFolderName = ".dlt";

    public ConfigFiles(IReadOnlyDictionary<string, string> environment)
    {
        ProjectDirectory = Path.GetFullPath(Variable(environment, "DLT_PROJECT_DIR") ?? Directory.GetCurrentDirectory());
        var folder = Variable(environment, "DLT_CONFIG_FOLDER") ?? DefaultFolderName;
        SettingsDirectory = Path.GetFullPath(Path.Combine(ProjectDirectory, folder));
        var home = Variable(environment, "HOME") ?? Variable(environment, "USERPROFILE");
        GlobalSettingsDirectory = home is null ? null : Path.GetFullPath(Path.Combine(home, DefaultFolderName));
        LocalDirectory = Path.GetFullPath(Variable(environment, "DLT_LOCAL_DIR") ?? ProjectDirectory);
        DataDirectory = Path.GetFullPath(Variable(environment, "DLT_DATA_DIR") ?? GlobalDataDirectory(home, Variable(environment, "XDG_DATA_HOME")));
    }

    /// <summary><c>DLT_PROJECT_DIR</c>, else the current directory.</summary>
    public string ProjectDirectory { get; }

    /// <summary><c>&lt;project&gt;/.dlt</c> (the folder name from <c>DLT_CONFIG_FOLDER</c> when set).</summary>
    public string SettingsDirectory { get; }

    /// <summary><c>~/.dlt</c>: its files are merged under the project's; null without a home folder.</summary>
    public string? GlobalSettingsDirectory { get; }

    /// <summary>Where relative local database files go: <c>DLT_LOCAL_DIR</c>, else the project dir.</summary>
    public string LocalDirectory { get; }

    /// <summary><c>DLT_DATA_DIR</c>, else dlt's global data dir (<c>~/.dlt</c>; <c>/var/dlt</c> as root).</summary>
    public string DataDirectory { get; }

    /// <summary>The default folder of the pipelines' working dirs: <c>&lt;data dir&gt;/pipelines</c>.</summary>
    public string PipelinesDirectory => Path.Combine(DataDirectory, "pipelines");

    /// <summary>The settings folders, global first, so that the project's files win.</summary>
    public IReadOnlyList<string> SettingsFolders =>
        GlobalSettingsDirectory is null || PathsEqual(GlobalSettingsDirectory, SettingsDirectory)
            ? [SettingsDirectory]
            : [GlobalSettingsDirectory, SettingsDirectory];

    private static string GlobalDataDirectory(string? home, string? xdgDataHome)
    {
        if (!OperatingSystem.IsWindows() && Environment.UserName == "root")
        {
            return "/var/dlt";
        }

        if (string.IsNullOrEmpty(home))
        {
            return Path.Combine(Path.GetTempPath(), "dlt");
        }

        var dotDlt = Path.Combine(home, DefaultFolderName);
        return !Directory.Exists(dotDlt) && !string.IsNullOrEmpty(xdgDataHome) ? Path.Combine(xdgDataHome, "dlt") : dotDlt;
    }

    private static string? Variable(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    private static bool PathsEqual(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
