using System.Text.Json;

namespace Dlt.Storage;

/// <summary>
/// A byte range of an extract file that starts and ends on item boundaries: one flushed buffer
/// (an LZ4 frame or gzip member of its own), or several in a row. Normalize workers take segments, so one large
/// file is still normalized in parallel.
/// </summary>
internal sealed record FileSegment(string Path, string Table, long Offset, long Length, long Items)
{
    public FileCompression Compression => FileCompressions.OfPath(Path);

    /// <summary>Records the members of a closed file in <c>&lt;segments folder&gt;/&lt;file name&gt;.json</c>.</summary>
    public static void WriteIndex(string segmentsFolder, string file, IReadOnlyList<FileSegment> members)
    {
        Directory.CreateDirectory(segmentsFolder);
        var index = members.Select(m => new[] { m.Offset, m.Length, m.Items }).ToArray();
        File.WriteAllBytes(System.IO.Path.Combine(segmentsFolder, System.IO.Path.GetFileName(file) + ".json"), JsonSerializer.SerializeToUtf8Bytes(index));
    }

    /// <summary>The items of a file according to its index; 0 when it has none.</summary>
    public static long CountItems(string file, string segmentsFolder)
    {
        var indexPath = System.IO.Path.Combine(segmentsFolder, System.IO.Path.GetFileName(file) + ".json");
        return File.Exists(indexPath) ? (JsonSerializer.Deserialize<long[][]>(File.ReadAllBytes(indexPath)) ?? []).Sum(member => member[2]) : 0;
    }

    /// <summary>
    /// The segments of a file, each at least <paramref name="minItems"/> items (the last may be
    /// smaller); the whole file when it has no index.
    /// </summary>
    public static IReadOnlyList<FileSegment> Plan(string file, string table, string segmentsFolder, long minItems)
    {
        var indexPath = System.IO.Path.Combine(segmentsFolder, System.IO.Path.GetFileName(file) + ".json");
        var length = new FileInfo(file).Length;
        if (!File.Exists(indexPath))
        {
            return [new FileSegment(file, table, 0, length, -1)];
        }

        var members = JsonSerializer.Deserialize<long[][]>(File.ReadAllBytes(indexPath)) ?? [];
        var segments = new List<FileSegment>();
        long start = 0, end = 0, items = 0;
        foreach (var member in members)
        {
            end = member[0] + member[1];
            items += member[2];
            if (items >= minItems)
            {
                segments.Add(new FileSegment(file, table, start, end - start, items));
                start = end;
                items = 0;
            }
        }

        if (items > 0 || segments.Count == 0)
        {
            segments.Add(new FileSegment(file, table, start, Math.Max(end, length) - start, items));
        }

        return segments;
    }
}
