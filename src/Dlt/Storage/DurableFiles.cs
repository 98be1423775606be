using System.Runtime.InteropServices;

namespace Dlt.Storage;

/// <summary>Flushes files and folders to disk so that a rename publishes only complete data.</summary>
internal static partial class DurableFiles
{
    private const int ReadOnly = 0;

    /// <summary>Flushes a folder's entries (new files, renames) to disk; a no-op where folders cannot be opened.</summary>
    public static void FlushDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = Open(path, ReadOnly);
        if (fd < 0)
        {
            return;
        }

        try
        {
            _ = Fsync(fd);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>Flushes one file's data to disk.</summary>
    public static void FlushFile(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite);
        RandomAccess.FlushToDisk(handle);
    }

    /// <summary>Flushes every file of a folder tree and the folders themselves.</summary>
    public static void FlushTree(string path)
    {
        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
        {
            FlushFile(file);
        }

        foreach (var directory in Directory.EnumerateDirectories(path, "*", SearchOption.AllDirectories))
        {
            FlushDirectory(directory);
        }

        FlushDirectory(path);
    }

    /// <summary>Renames a folder atomically and flushes the parent folders so the rename survives a crash.</summary>
    public static void MoveDirectory(string source, string destination)
    {
        Directory.Move(source, destination);
        FlushDirectory(Path.GetDirectoryName(destination)!);
        FlushDirectory(Path.GetDirectoryName(source)!);
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
