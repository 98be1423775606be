using System.IO.Compression;
using System.Text;
using Dlt.Storage;
using Dlt.Tests.Support;

namespace Dlt.Tests.Storage;

/// <summary>Buffering, LZ4 frames (gzip members in dlt, reference §7.3) and rotation of extract files.</summary>
public sealed class JsonLinesFileWriterTests
{
    [Fact]
    public void Flushes_every_buffer_as_its_own_lz4_frame()
    {
        // Given
        using var folder = new TempDirectory();
        var settings = new WriterSettings { BufferMaxItems = 2 };

        // When
        var file = Assert.Single(Write(folder.Path, settings, 5));

        // Then each frame starts with LZ4's magic number and reads alone
        Assert.Equal(
            [Lines(0, 2), Lines(2, 4), Lines(4, 5)],
            Lz4Frames(file));
    }

    [Fact]
    public void A_buffer_larger_than_a_block_spans_several_blocks_of_one_frame()
    {
        // Given items of 100 KB, so that a buffer of 50 of them holds more than a 4 MB block
        using var folder = new TempDirectory();
        var text = new string('x', 100_000);
        using var writer = new JsonLinesFileWriter(folder.Path, Path.Combine(folder.Path, "segments"), "users", new WriterSettings { BufferMaxItems = 50 });
        for (var i = 0; i < 60; i++)
        {
            var json = writer.BeginItem();
            json.WriteStartObject();
            json.WriteNumber("i", i);
            json.WriteString("text", text);
            json.WriteEndObject();
            writer.EndItem();
        }

        writer.Complete();

        // When the file is read back
        var lines = ReadLines(Assert.Single(writer.Files));

        // Then every item is there, in order
        Assert.Equal(Enumerable.Range(0, 60).Select(i => $$"""{"i":{{i}},"text":"{{text}}"}"""), lines);
    }

    [Fact]
    public void An_extract_file_of_gzip_members_from_an_earlier_version_still_reads()
    {
        // Given a file of two gzip members, as extract files were written before LZ4
        using var folder = new TempDirectory();
        var file = Path.Combine(folder.Path, "users.0a1b2c3d4e.0.typed-jsonl.gz");
        using (var stream = File.Create(file))
        {
            foreach (var member in new[] { Lines(0, 2), Lines(2, 3) })
            {
                using var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true);
                gzip.Write(Encoding.UTF8.GetBytes(member));
            }
        }

        // When / Then
        Assert.Equal(Enumerable.Range(0, 3).Select(Item), ReadLines(file));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(14)]
    [InlineData(20)]
    public void A_damaged_lz4_file_fails_naming_the_file(int damagedByte)
    {
        // Given an extract file with one byte changed (in the magic number, the header's checksum, a block)
        using var folder = new TempDirectory();
        var file = Assert.Single(Write(folder.Path, new WriterSettings(), 5));
        var bytes = File.ReadAllBytes(file);
        bytes[damagedByte] ^= 0x55;
        File.WriteAllBytes(file, bytes);

        // When it is read, Then the error names the file
        var error = Record.Exception(() => ReadLines(file));
        Assert.NotNull(error);
        Assert.Contains(Path.GetFileName(file), error.Message, StringComparison.Ordinal);
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
        Assert.Equal(FileCompression.None, name.Compression);
        Assert.Equal("typed-jsonl", name.Extension);
        Assert.Equal(Lines(0, 3), File.ReadAllText(file));
    }

    [Fact]
    public void Compressed_files_are_named_with_an_lz4_suffix()
    {
        // Given
        using var folder = new TempDirectory();

        // When
        var file = Assert.Single(Write(folder.Path, new WriterSettings(), 1));

        // Then
        Assert.Equal($"users.{JobFileName.Parse(Path.GetFileName(file)).FileId}.0.typed-jsonl.lz4", Path.GetFileName(file));
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

    /// <summary>The content of each LZ4 frame of a file, each read alone from where its magic number starts it.</summary>
    private static List<string> Lz4Frames(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var starts = new List<int>();
        for (var i = 0; i + 3 < bytes.Length; i++)
        {
            if (bytes[i] == 0x04 && bytes[i + 1] == 0x22 && bytes[i + 2] == 0x4d && bytes[i + 3] == 0x18)
            {
                starts.Add(i);
            }
        }

        Assert.Equal(0, starts.FirstOrDefault(-1));
        return [.. starts.Select((start, k) =>
        {
            var end = k + 1 < starts.Count ? starts[k + 1] : bytes.Length;
            using var reader = new StreamReader(new Lz4FrameReader(new MemoryStream(bytes[start..end]), file), Encoding.UTF8);
            return reader.ReadToEnd();
        })];
    }
}
