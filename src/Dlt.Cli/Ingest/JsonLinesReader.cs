using System.Text.Json;
using System.Text.Unicode;

namespace Dlt.Cli.Ingest;

/// <summary>
/// Reads a JSON lines file as pages of <see cref="RawJson"/> items: each line's bytes are handed on as
/// they are (checked, never parsed into objects), sliced out of a fresh block per page.
/// </summary>
internal static class JsonLinesReader
{
    private const int BlockSize = 1 << 20;

    public static IEnumerable<RawJson[]> ReadPages(InputFile input)
    {
        using var stream = input.Open();
        var buffer = new byte[BlockSize];
        var filled = 0;
        var line = 1L;
        var endOfInput = false;
        while (!endOfInput || filled > 0)
        {
            while (!endOfInput && filled < buffer.Length)
            {
                var read = stream.Read(buffer, filled, buffer.Length - filled);
                endOfInput = read == 0;
                filled += read;
            }

            var end = endOfInput ? filled : buffer.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1;
            if (end == 0)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
                continue;
            }

            var page = new List<RawJson>(end / 64);
            var start = 0;
            while (start < end)
            {
                var length = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                var lineEnd = length < 0 ? end : start + length;
                var raw = buffer.AsSpan(start, lineEnd - start);
                var leading = raw.Length - raw.TrimStart(" \t\r"u8).Length;
                var value = raw[leading..].TrimEnd(" \t\r"u8);
                if (!value.IsEmpty)
                {
                    Validate(input, value, line);
                    page.Add(new RawJson(buffer.AsMemory(start + leading, value.Length)));
                }

                line++;
                start = lineEnd + 1;
            }

            if (page.Count > 0)
            {
                yield return [.. page];
            }

            var next = new byte[Math.Max(BlockSize, buffer.Length)];
            var remainder = filled - Math.Min(end, filled);
            buffer.AsSpan(filled - remainder, remainder).CopyTo(next);
            buffer = next;
            filled = remainder;
        }
    }

    /// <summary>One line must be one JSON object in valid UTF-8.</summary>
    private static void Validate(InputFile input, ReadOnlySpan<byte> value, long line)
    {
        if (value[0] != (byte)'{')
        {
            throw new IngestInputException(input.DisplayName, $"{input.DisplayName}, line {line}: a JSON lines file holds one JSON object per line, and this line does not start with '{{'.");
        }

        if (!Utf8.IsValid(value))
        {
            throw new IngestInputException(input.DisplayName, $"{input.DisplayName}, line {line}: the line is not valid UTF-8.");
        }

        var reader = new Utf8JsonReader(value, new JsonReaderOptions { MaxDepth = 1000 });
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException ex)
        {
            throw new IngestInputException(input.DisplayName, $"{input.DisplayName}, line {line}: not valid JSON at byte {(ex.BytePositionInLine ?? 0) + 1} of the line: {JsonErrors.Reason(ex)}", ex);
        }
    }
}
