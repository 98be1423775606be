using System.IO.Compression;

namespace Dlt.Cli.Ingest;

/// <summary>One input of <c>dlt ingest</c>: a file (gzip'd when it ends in <c>.gz</c>) or standard input (<c>-</c>).</summary>
/// <param name="Path">The file path as the command line gave it (messages name it), or <c>-</c> for standard input.</param>
/// <param name="Format">How to read it.</param>
/// <param name="FullPath">The file's full path (relative paths are read from the command's current directory).</param>
internal sealed record InputFile(string Path, InputFormat Format, string FullPath)
{
    /// <summary>The name used in messages.</summary>
    public string DisplayName => IsStdin ? "stdin" : Path;

    /// <summary>True for standard input.</summary>
    public bool IsStdin => Path == "-";

    /// <summary>Opens the input for reading, decompressing <c>.gz</c> files.</summary>
    public Stream Open()
    {
        if (IsStdin)
        {
            return Console.OpenStandardInput();
        }

        Stream file = new FileStream(FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return Path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    /// <summary>The format named by <paramref name="format"/>, else by the file's extension (before a <c>.gz</c>).</summary>
    public static InputFormat FormatOf(string path, string? format)
    {
        if (format is not null)
        {
            return format switch
            {
                "jsonl" or "ndjson" => InputFormat.JsonLines,
                "json" => InputFormat.Json,
                "csv" => InputFormat.Csv,
                "parquet" => InputFormat.Parquet,
                _ => throw new CliException($"Unknown --format '{format}': use jsonl, json, csv or parquet."),
            };
        }

        if (path == "-")
        {
            return InputFormat.JsonLines;
        }

        var name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        return System.IO.Path.GetExtension(name).ToLowerInvariant() switch
        {
            ".jsonl" or ".ndjson" => InputFormat.JsonLines,
            ".json" => InputFormat.Json,
            ".csv" => InputFormat.Csv,
            ".parquet" => InputFormat.Parquet,
            _ => throw new CliException($"Cannot tell the format of '{path}' from its extension: pass --format jsonl, json, csv or parquet."),
        };
    }
}
