using System.CommandLine;

namespace Dlt.Cli;

/// <summary>Options every command takes, as dlt has them.</summary>
internal static class GlobalOptions
{
    /// <summary>Answers yes to every confirmation instead of asking (dlt's <c>--non-interactive</c>).</summary>
    public static readonly Option<bool> NonInteractive = new("--non-interactive")
    {
        Description = "Do not ask for confirmation: proceed as if the answer were yes.",
        Recursive = true,
    };

    /// <summary>Prints the full exception instead of its one-line message.</summary>
    public static readonly Option<bool> Debug = new("--debug")
    {
        Description = "Print the full exception (with its stack trace) when a command fails.",
        Recursive = true,
    };
}
