namespace Dlt.Configuration;

/// <summary>One invalid configuration value: its full key, where it came from, and what was wrong.</summary>
/// <param name="Key">The full dotted key (<c>sources.github.extract.workers</c>); empty for a whole file.</param>
/// <param name="Origin">The provider and the file or variable: <c>config.toml (/app/.dlt/config.toml)</c>.</param>
/// <param name="Description">What is wrong and what was expected; never contains a secret value.</param>
public sealed record ConfigProblem(string Key, string Origin, string Description)
{
    /// <summary>One line of <see cref="ConfigException"/>'s message.</summary>
    public override string ToString() => Key.Length == 0 ? $"{Origin} {Description}" : $"{Key} from {Origin}: {Description}";
}
