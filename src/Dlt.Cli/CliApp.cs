using System.CommandLine;
using Dlt.Cli.Commands;

namespace Dlt.Cli;

/// <summary>Builds the <c>dlt</c> command tree and runs one command line, mapping failures to exit codes.</summary>
internal static class CliApp
{
    /// <summary>The command succeeded.</summary>
    public const int Success = 0;

    /// <summary>The command ran and failed (a pipeline step, a missing pipeline, bad data).</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong (unknown command or option, missing argument).</summary>
    public const int UsageError = 2;

    /// <summary>The command was cancelled (Ctrl+C, SIGTERM).</summary>
    public const int Cancelled = 130;

    /// <summary>Parses <paramref name="args"/> and runs the command, writing results to <paramref name="console"/>.</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        var root = BuildRoot(console);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            await console.Error.WriteLineAsync($"dlt: error: {OneLine(parsed.Errors[0].Message)} (see 'dlt --help')").ConfigureAwait(false);
            return UsageError;
        }

        var configuration = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync("dlt: cancelled").ConfigureAwait(false);
            return Cancelled;
        }
        catch (Exception ex)
        {
            var message = parsed.GetValue(GlobalOptions.Debug) ? ex.ToString() : OneLine(ex.Message);
            await console.Error.WriteLineAsync($"dlt: error: {message}").ConfigureAwait(false);
            return Failure;
        }
    }

    private static RootCommand BuildRoot(CliConsole console)
    {
        var root = new RootCommand("dlt for .NET: inspect pipelines, load files into DuckDB or PostgreSQL, and scaffold pipeline projects.")
        {
            GlobalOptions.NonInteractive,
            GlobalOptions.Debug,
        };
        root.Add(PipelineCommand.Create(console));
        root.Add(SchemaCommand.Create(console));
        root.Add(InitCommand.Create(console));
        root.Add(IngestCommand.Create(console));
        return root;
    }

    /// <summary>Joins a multi-line message into one line, so each failure is one line on stderr.</summary>
    internal static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
