using System.Text;
using Dlt.Configuration;

namespace Dlt;

/// <summary>
/// The configuration is invalid or a required value is missing. The message lists every problem
/// with its full key, the provider (and file) it came from and what was expected; it never
/// contains a secret value.
/// </summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates the exception for <paramref name="problems"/>.</summary>
    public ConfigException(IReadOnlyList<ConfigProblem> problems)
        : base(BuildMessage(problems))
    {
        Problems = problems;
    }

    /// <summary>Creates the exception with a message of its own, for a single missing or invalid value.</summary>
    public ConfigException(string message)
        : base(message)
    {
        Problems = [];
    }

    /// <summary>Every invalid value, in the order they were found.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }

    private static string BuildMessage(IReadOnlyList<ConfigProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var message = new StringBuilder();
        message.Append("The configuration is invalid (")
            .Append(problems.Count)
            .Append(problems.Count == 1 ? " problem):" : " problems):")
            .Append('\n');
        foreach (var problem in problems)
        {
            message.Append("- ").Append(problem).Append('\n');
        }

        message.Append("Fix or remove these values; docs/configuration.md lists every key, its type and its default.");
        return message.ToString();
    }
}
