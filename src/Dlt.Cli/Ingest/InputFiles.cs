namespace Dlt.Cli.Ingest;

/// <summary>Expands the paths and globs given to <c>dlt ingest</c> into files, in a stable order.</summary>
internal static class InputFiles
{
    /// <summary>
    /// Each path as is, or the files a glob matches (<c>*</c> and <c>?</c> in the file name; a <c>**</c> folder
    /// searches every folder below), sorted by path; <c>-</c> is standard input.
    /// </summary>
    public static IReadOnlyList<InputFile> Expand(IEnumerable<string> patterns, string? format)
    {
        var files = new List<InputFile>();
        foreach (var pattern in patterns)
        {
            if (pattern == "-")
            {
                files.Add(new InputFile(pattern, InputFile.FormatOf(pattern, format)));
                continue;
            }

            if (pattern.IndexOfAny(['*', '?']) < 0)
            {
                if (!File.Exists(pattern))
                {
                    throw new CliException($"Input file '{pattern}' does not exist.");
                }

                files.Add(new InputFile(pattern, InputFile.FormatOf(pattern, format)));
                continue;
            }

            var matched = Glob(pattern);
            if (matched.Count == 0)
            {
                throw new CliException($"No file matches '{pattern}'.");
            }

            files.AddRange(matched.Select(path => new InputFile(path, InputFile.FormatOf(path, format))));
        }

        return files;
    }

    private static List<string> Glob(string pattern)
    {
        var separator = pattern.LastIndexOfAny(['/', Path.DirectorySeparatorChar]);
        var folderPart = separator < 0 ? "." : pattern[..separator];
        var filePattern = pattern[(separator + 1)..];
        var recursive = folderPart.EndsWith("**", StringComparison.Ordinal);
        if (recursive)
        {
            folderPart = folderPart[..^2].TrimEnd('/', Path.DirectorySeparatorChar);
            folderPart = folderPart.Length == 0 ? "." : folderPart;
        }

        if (folderPart.IndexOfAny(['*', '?']) >= 0)
        {
            throw new CliException($"Glob '{pattern}': wildcards are read in the file name and as a '**' folder only.");
        }

        if (!Directory.Exists(folderPart))
        {
            throw new CliException($"Glob '{pattern}': folder '{folderPart}' does not exist.");
        }

        var option = recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly;
        return [.. Directory.EnumerateFiles(folderPart, filePattern, option).Order(StringComparer.Ordinal)];
    }
}
