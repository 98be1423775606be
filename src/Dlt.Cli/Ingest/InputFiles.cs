namespace Dlt.Cli.Ingest;

/// <summary>Expands the paths and globs given to <c>dlt ingest</c> into files, in a stable order.</summary>
internal static class InputFiles
{
    /// <summary>
    /// Each path as is, or the files a glob matches (<c>*</c> and <c>?</c> in the file name; a <c>**</c> folder
    /// searches every folder below), sorted by path; <c>-</c> is standard input. Relative paths are read from <paramref name="currentDirectory"/>.
    /// </summary>
    public static IReadOnlyList<InputFile> Expand(IEnumerable<string> patterns, string? format, string currentDirectory)
    {
        var files = new List<InputFile>();
        foreach (var pattern in patterns)
        {
            if (pattern == "-")
            {
                files.Add(new InputFile(pattern, InputFile.FormatOf(pattern, format), pattern));
                continue;
            }

            if (pattern.IndexOfAny(['*', '?']) < 0)
            {
                var fullPath = Path.GetFullPath(pattern, currentDirectory);
                if (!File.Exists(fullPath))
                {
                    throw new CliException($"Input file '{pattern}' does not exist.");
                }

                files.Add(new InputFile(pattern, InputFile.FormatOf(pattern, format), fullPath));
                continue;
            }

            var matched = Glob(pattern, currentDirectory);
            if (matched.Count == 0)
            {
                throw new CliException($"No file matches '{pattern}'.");
            }

            files.AddRange(matched.Select(path => new InputFile(path, InputFile.FormatOf(path, format), Path.GetFullPath(path, currentDirectory))));
        }

        return files;
    }

    /// <summary>The files <paramref name="pattern"/> matches, named as the pattern names their folder.</summary>
    private static List<string> Glob(string pattern, string currentDirectory)
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

        var folder = Path.GetFullPath(folderPart, currentDirectory);
        if (!Directory.Exists(folder))
        {
            throw new CliException($"Glob '{pattern}': folder '{folderPart}' does not exist.");
        }

        var option = recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly;
        return [.. Directory.EnumerateFiles(folder, filePattern, option).Select(file => Path.Join(folderPart, Path.GetRelativePath(folder, file))).Order(StringComparer.Ordinal)];
    }
}
