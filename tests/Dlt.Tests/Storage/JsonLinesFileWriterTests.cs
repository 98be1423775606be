using System.IO.Compression;
using System.Text;
using Dlt.Storage;
using Dlt.Tests.Support;

namespace Dlt.Tests.Storage;

/// <summary>Buffering, gzip members and rotation of extract files (reference §7.3).</summary>
public sealed class JsonLinesFileWriterTests
{
    [Fact]
    public void Flushes_every_buffer_as_its_own_gzip_member()
    {
        // Given
        using var folder = new TempDirectory();
        var settings = new WriterSettings { BufferMaxItems = 2 };

        // When
        var file = Assert.Single(Write(folder.Path, settings, 5));

        // Then
        Assert.Equal(
            [Lines(0, 2), Lines(2, 4), Lines(4, 5)],
            GzipMembers(File.ReadAllBytes(file)));
    }

    [Fact]
    public void A_reader_reads_back_every_item_of_a_multi_member_file_in_order()
    {
        // Given
        using var folder = new TempDirectory();
        var file = Assert.Single(Write(folder.Path, new WriterSettings { BufferMaxItems = 3 }, 10));

        // When
        var lines = ReadLines(file);

        // Then
        Assert.Equal(Enumerable.Range(0, 10).Select(Item), lines);
    }

    [Fact]
    public void Rotates_the_file_when_it_holds_file_max_items()
    {
        // Given
        using var folder = new TempDirectory();
        var settings = new WriterSettings { BufferMaxItems = 1, FileMaxItems = 3 };

        // When
        var files = Write(folder.Path, settings, 7);

        // Then
        Assert.Equal([3, 3, 1], files.Select(f => ReadLines(f).Count));
        Assert.Equal(Enumerable.Range(0, 7).Select(Item), files.SelectMany(ReadLines));
        Assert.Equal(files.Count, files.Select(f => JobFileName.Parse(Path.GetFileName(f)).FileId).Distinct().Count());
    }

    [Fact]
    public void Writes_plain_json_lines_when_compression_is_disabled()
    {
        // Given
        using var folder = new TempDirectory();
        var settings = new WriterSettings { BufferMaxItems = 2, DisableCompression = true };

        // When
        var file = Assert.Single(Write(folder.Path, settings, 3));

        // Then
        var name = JobFileName.Parse(Path.GetFileName(file));
        Assert.False(name.Compressed);
        Assert.Equal("typed-jsonl", name.Extension);
        Assert.Equal(Lines(0, 3), File.ReadAllText(file));
    }

    [Fact]
    public void Compressed_files_are_named_with_a_gz_suffix()
    {
        // Given
        using var folder = new TempDirectory();

        // When
        var file = Assert.Single(Write(folder.Path, new WriterSettings(), 1));

        // Then
        Assert.Equal($"users.{JobFileName.Parse(Path.GetFileName(file)).FileId}.0.typed-jsonl.gz", Path.GetFileName(file));
    }

    [Fact]
    public void Appended_chunks_of_serialized_lines_count_as_items_and_rotate_files()
    {
        // Given chunks of two serialized items, files of at most four items
        using var folder = new TempDirectory();
        using var writer = new JsonLinesFileWriter(folder.Path, System.IO.Path.Combine(folder.Path, "segments"), "users", new WriterSettings { DisableCompression = true, BufferMaxItems = 2, FileMaxItems = 4 });

        // When
        for (var chunk = 0; chunk < 3; chunk++)
        {
            writer.AppendLines(System.Text.Encoding.UTF8.GetBytes(Lines(chunk * 2, (chunk * 2) + 2)), 2);
        }

        writer.Complete();

        // Then
        Assert.Equal(6, writer.ItemCount);
        Assert.Equal([Lines(0, 4), Lines(4, 6)], writer.Files.Select(File.ReadAllText));
    }

    private static IReadOnlyList<string> Write(string folder, WriterSettings settings, int items)
    {
        using var writer = new JsonLinesFileWriter(folder, Path.Combine(folder, "segments"), "users", settings);
        for (var i = 0; i < items; i++)
        {
            WriteItem(writer, i);
        }

        writer.Complete();
        return [.. writer.Files];
    }

    private static void WriteItem(JsonLinesFileWriter writer, int i)
    {
        var json = writer.BeginItem();
        json.WriteStartObject();
        json.WriteNumber("i", i);
        json.WriteEndObject();
        writer.EndItem();
    }

    private static string Item(int i) => $$"""{"i":{{i}}}""";

    private static string Lines(int from, int to) =>
        string.Concat(Enumerable.Range(from, to - from).Select(i => Item(i) + "\n"));

    private static List<string> ReadLines(string file)
    {
        using var reader = new JsonLinesReader(file);
        var lines = new List<string>();
        while (reader.TryReadLine(out var line))
        {
            lines.Add(Encoding.UTF8.GetString(line.Span));
        }

        return lines;
    }

    /// <summary>Splits a file at each gzip member header (1f 8b 08) and decompresses every member alone.</summary>
    private static List<string> GzipMembers(byte[] bytes)
    {
        var starts = new List<int>();
        for (var i = 0; i + 3 < bytes.Length; i++)
        {
            if (bytes[i] == 0x1f && bytes[i + 1] == 0x8b && bytes[i + 2] == 0x08 && bytes[i + 3] == 0x00)
            {
                starts.Add(i);
            }
        }

        Assert.Equal(0, starts.FirstOrDefault(-1));
        return [.. starts.Select((start, k) => Decompress(bytes[start..(k + 1 < starts.Count ? starts[k + 1] : bytes.Length)]))];
    }

    private static string Decompress(byte[] member)
    {
        using var gzip = new GZipStream(new MemoryStream(member), CompressionMode.Decompress);
        using var text = new StreamReader(gzip, Encoding.UTF8);
        return text.ReadToEnd();
    }
}
