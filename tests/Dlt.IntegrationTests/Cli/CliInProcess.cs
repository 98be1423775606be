using Dlt.Cli;

namespace Dlt.IntegrationTests.Cli;

/// <summary>
/// Runs <c>dlt</c> commands in process through <see cref="CliApp"/>, with captured streams and their own
/// environment: <c>DLT_PROJECT_DIR</c> (the <c>.dlt</c> files and the DuckDB files) and <c>DLT_DATA_DIR</c>
/// (the working dirs) point into the test's folder, and relative paths are read from it, so commands never read the
/// process's current directory. <c>dlt ingest -</c> reads the process's standard input: that runs as a process (<see cref="CliProcess"/>).
/// </summary>
internal static class CliInProcess
{
    /// <summary>Runs <c>dlt <paramref name="args"/></c> as if started in <paramref name="projectDirectory"/>.</summary>
    public static async Task<CliResult> RunAsync(string projectDirectory, IEnumerable<string> args, string stdin = "", IReadOnlyDictionary<string, string>? environment = null)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DLT_PROJECT_DIR"] = projectDirectory,
            ["DLT_DATA_DIR"] = Path.Combine(projectDirectory, "data"),
            ["RUNTIME__LOG_LEVEL"] = "WARNING",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            variables[key] = value;
        }

        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(new StringReader(stdin), output, error) { Environment = variables, CurrentDirectory = projectDirectory };
        var exitCode = await CliApp.RunAsync([.. args], console, CancellationToken.None);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public static Task<CliResult> RunAsync(string projectDirectory, params string[] args) => RunAsync(projectDirectory, args, stdin: "");
}
