namespace Dlt.Cli;

/// <summary>The streams a command reads and writes: the process's own, or captured ones in tests.</summary>
/// <param name="In">Answers to confirmation prompts (and <c>dlt ingest -</c> reads the process's standard input).</param>
/// <param name="Out">Results.</param>
/// <param name="Error">One-line errors and warnings.</param>
internal sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error);
