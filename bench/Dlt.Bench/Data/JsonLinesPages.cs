namespace Dlt.Bench.Data;

/// <summary>
/// A JSON lines file as a user reading it would hand it to a pipeline: each line as a
/// <see cref="RawJson"/> (its UTF-8 bytes, not parsed), in pages of <see cref="PageSize"/>. Each
/// page owns one array holding its lines, so a page stays valid however long the pipeline keeps it.
/// </summary>
internal static class JsonLinesPages
{
    public const int PageSize = 1_000;

    public static IEnumerable<RawJson[]> Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        var start = 0;
        var end = 0;
        var eof = false;
        while (true)
        {
            // Find the end of the page's last line, refilling the buffer until PageSize lines are in it (or the file ends).
            var lines = 0;
            var position = start;
            while (lines < PageSize)
            {
                var newline = buffer.AsSpan(position, end - position).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    position += newline + 1;
                    lines++;
                    continue;
                }

                if (eof)
                {
                    position = end;
                    break;
                }

                (start, end, position) = Refill(stream, ref buffer, start, end, position, out eof);
            }

            if (position == start)
            {
                yield break;
            }

            var bytes = buffer.AsSpan(start, position - start).ToArray();
            start = position;
            yield return Split(bytes);
        }
    }

    private static RawJson[] Split(byte[] bytes)
    {
        var page = new List<RawJson>(PageSize);
        var offset = 0;
        while (offset < bytes.Length)
        {
            var newline = bytes.AsSpan(offset).IndexOf((byte)'\n');
            var length = newline < 0 ? bytes.Length - offset : newline;
            if (length > 0)
            {
                page.Add(new RawJson(bytes.AsMemory(offset, length)));
            }

            offset += length + 1;
        }

        return [.. page];
    }

    private static (int Start, int End, int Position) Refill(FileStream stream, ref byte[] buffer, int start, int end, int position, out bool eof)
    {
        var pending = end - start;
        if (start == 0 && end == buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }
        else
        {
            buffer.AsSpan(start, pending).CopyTo(buffer);
        }

        var read = stream.Read(buffer, pending, buffer.Length - pending);
        eof = read == 0;
        return (0, pending + read, position - start);
    }
}
