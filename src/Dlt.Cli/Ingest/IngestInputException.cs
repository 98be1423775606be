namespace Dlt.Cli.Ingest;

/// <summary>An input file that cannot be read as its format: names the file and the line (or row) where the problem is.</summary>
internal sealed class IngestInputException(string file, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The file (or <c>stdin</c>) that failed.</summary>
    public string File { get; } = file;
}
