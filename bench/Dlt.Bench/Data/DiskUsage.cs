namespace Dlt.Bench.Data;

/// <summary>Bytes of files on disk.</summary>
internal static class DiskUsage
{
    /// <summary>The total size of the files under <paramref name="path"/> (a folder or a file); 0 when missing.</summary>
    public static long Of(string path)
    {
        if (File.Exists(path))
        {
            return new FileInfo(path).Length;
        }

        return Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Sum(file => new FileInfo(file).Length)
            : 0;
    }

    /// <summary>A DuckDB database: its file and its write-ahead log.</summary>
    public static long OfDatabase(string databasePath) => Of(databasePath) + Of(databasePath + ".wal");

    /// <summary>Copies a folder tree (used to give each run its own copy of a prepared pipeline).</summary>
    public static void CopyTree(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)));
        }
    }
}
