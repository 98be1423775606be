namespace Dlt.Cli;

/// <summary>The streams a command reads and writes: the process's own, or captured ones in tests.</summary>
/// <param name="In">Answers to confirmation prompts (and <c>dlt ingest -</c> reads the process's standard input).</param>
/// <param name="Out">Results.</param>
/// <param name="Error">One-line errors and warnings.</param>
internal sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error)
{
    /// <summary>
    /// The environment variables the commands read (<c>DLT_DATA_DIR</c>, <c>DLT_PROJECT_DIR</c>, configuration
    /// such as <c>DESTINATION__POSTGRES__CREDENTIALS</c>); null for the process's own. Tests run commands in
    /// process with their own.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>The folder relative paths on the command line are read from: the process's current directory unless a test gives its own.</summary>
    public string CurrentDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary><see cref="Environment"/>, else a snapshot of the process's environment variables.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables() =>
        Environment ?? System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);

    /// <summary>
    /// The pipeline options every command creates pipelines with: <paramref name="pipelinesDirectory"/>,
    /// <see cref="Environment"/>, and the pipeline's log on <see cref="Error"/>.
    /// </summary>
    public PipelineOptions PipelineOptions(string? pipelinesDirectory) => new()
    {
        PipelinesDirectory = pipelinesDirectory,
        EnvironmentVariables = Environment,
        LogOutput = Error,
    };
}
