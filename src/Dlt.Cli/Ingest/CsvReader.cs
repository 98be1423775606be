using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Dlt.Cli.Ingest;

/// <summary>
/// Reads a CSV file (RFC 4180: a header row, commas, double quotes that may span lines) as pages of
/// <see cref="RawJson"/> objects keyed by the header. Values are typed as dlt's inference types JSON:
/// numbers stay numbers, <c>true</c>/<c>false</c> booleans, an empty field null, anything else text
/// (which the normalizer may still read as a timestamp).
/// </summary>
internal static class CsvReader
{
    private const int BlockSize = 1 << 20;

    public static IEnumerable<RawJson[]> ReadPages(InputFile input)
    {
        using var stream = input.Open();
        var buffer = new byte[BlockSize];
        var filled = 0;
        var endOfInput = false;
        var line = 1L;
        byte[][]? header = null;
        var fields = new List<(int Start, int End, bool Quoted)>();
        while (true)
        {
            while (!endOfInput && filled < buffer.Length)
            {
                var read = stream.Read(buffer, filled, buffer.Length - filled);
                endOfInput = read == 0;
                filled += read;
            }

            var output = new ArrayBufferWriter<byte>(BlockSize);
            var ranges = new List<(int Start, int Length)>();
            var position = 0;
            using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true }))
            {
                while (position < filled)
                {
                    var consumed = ParseRecord(input, buffer.AsSpan(position, filled - position), endOfInput, fields, line);
                    if (consumed == 0)
                    {
                        break;
                    }

                    var record = buffer.AsSpan(position, consumed);
                    var recordLine = line;
                    line += record.Count((byte)'\n');
                    position += consumed;
                    if (fields.Count == 1 && fields[0].End == fields[0].Start && !fields[0].Quoted)
                    {
                        continue;
                    }

                    if (header is null)
                    {
                        header = new byte[fields.Count][];
                        for (var i = 0; i < fields.Count; i++)
                        {
                            header[i] = Header(record, fields[i], i);
                        }

                        continue;
                    }

                    if (fields.Count > header.Length)
                    {
                        throw new IngestInputException(input.DisplayName, $"{input.DisplayName}, line {recordLine}: the row has {fields.Count} fields but the header has {header.Length}.");
                    }

                    var start = (int)(output.WrittenCount + json.BytesPending);
                    WriteObject(json, header, record, fields);
                    json.Flush();
                    ranges.Add((start, output.WrittenCount - start));
                    json.Reset();
                }
            }

            if (ranges.Count > 0)
            {
                var memory = output.WrittenMemory;
                yield return [.. ranges.Select(r => new RawJson(memory.Slice(r.Start, r.Length)))];
            }

            if (endOfInput && position >= filled)
            {
                yield break;
            }

            var remainder = filled - position;
            var next = new byte[remainder >= buffer.Length / 2 ? buffer.Length * 2 : buffer.Length];
            buffer.AsSpan(position, remainder).CopyTo(next);
            buffer = next;
            filled = remainder;
        }
    }

    /// <summary>Finds the fields of the record at the start of <paramref name="data"/>; 0 when it is not complete yet.</summary>
    private static int ParseRecord(InputFile input, ReadOnlySpan<byte> data, bool final, List<(int Start, int End, bool Quoted)> fields, long line)
    {
        fields.Clear();
        var position = 0;
        while (true)
        {
            if (position < data.Length && data[position] == (byte)'"')
            {
                var start = position + 1;
                var cursor = start;
                while (true)
                {
                    var quote = data[cursor..].IndexOf((byte)'"');
                    if (quote < 0)
                    {
                        return final
                            ? throw new IngestInputException(input.DisplayName, $"{input.DisplayName}, line {line}: a quoted field is not closed before the end of the file.")
                            : 0;
                    }

                    cursor += quote;
                    if (cursor + 1 < data.Length && data[cursor + 1] == (byte)'"')
                    {
                        cursor += 2;
                        continue;
                    }

                    if (cursor + 1 >= data.Length && !final)
                    {
                        return 0;
                    }

                    break;
                }

                fields.Add((start, cursor, true));
                position = cursor + 1;
                if (position < data.Length && data[position] is not ((byte)',' or (byte)'\n' or (byte)'\r'))
                {
                    throw new IngestInputException(input.DisplayName, $"{input.DisplayName}, line {line + data[..position].Count((byte)'\n')}: text after the closing quote of a field; quote the whole field and double the quotes inside it.");
                }
            }
            else
            {
                var end = data[position..].IndexOfAny((byte)',', (byte)'\n');
                if (end < 0)
                {
                    if (!final)
                    {
                        return 0;
                    }

                    fields.Add((position, TrimCr(data, data.Length), false));
                    return data.Length;
                }

                var stop = position + end;
                fields.Add((position, data[stop] == (byte)'\n' ? TrimCr(data, stop) : stop, false));
                position = stop;
            }

            if (position >= data.Length)
            {
                return final ? data.Length : 0;
            }

            if (data[position] == (byte)',')
            {
                position++;
                continue;
            }

            if (data[position] == (byte)'\r')
            {
                position++;
            }

            if (position < data.Length && data[position] == (byte)'\n')
            {
                return position + 1;
            }

            return final ? position : 0;
        }
    }

    private static int TrimCr(ReadOnlySpan<byte> data, int end) => end > 0 && data[end - 1] == (byte)'\r' ? end - 1 : end;

    private static byte[] Header(ReadOnlySpan<byte> record, (int Start, int End, bool Quoted) field, int index)
    {
        var text = Unquote(record[field.Start..field.End], field.Quoted).Trim();
        return text.Length == 0 ? Encoding.UTF8.GetBytes($"column_{index + 1}") : Encoding.UTF8.GetBytes(text);
    }

    private static void WriteObject(Utf8JsonWriter json, byte[][] header, ReadOnlySpan<byte> record, List<(int Start, int End, bool Quoted)> fields)
    {
        json.WriteStartObject();
        for (var i = 0; i < fields.Count; i++)
        {
            var (start, end, quoted) = fields[i];
            var value = record[start..end];
            json.WritePropertyName(header[i]);
            if (value.IsEmpty)
            {
                json.WriteNullValue();
            }
            else if (!quoted && IsJsonNumber(value))
            {
                json.WriteRawValue(value, skipInputValidation: true);
            }
            else if (!quoted && (value.SequenceEqual("true"u8) || value.SequenceEqual("True"u8) || value.SequenceEqual("TRUE"u8)))
            {
                json.WriteBooleanValue(true);
            }
            else if (!quoted && (value.SequenceEqual("false"u8) || value.SequenceEqual("False"u8) || value.SequenceEqual("FALSE"u8)))
            {
                json.WriteBooleanValue(false);
            }
            else if (quoted)
            {
                json.WriteStringValue(Unquote(value, quoted: true));
            }
            else if (Utf8.IsValid(value))
            {
                json.WriteStringValue(value);
            }
            else
            {
                json.WriteStringValue(Encoding.UTF8.GetString(value));
            }
        }

        json.WriteEndObject();
    }

    private static string Unquote(ReadOnlySpan<byte> value, bool quoted)
    {
        var text = Encoding.UTF8.GetString(value);
        return quoted ? text.Replace("\"\"", "\"", StringComparison.Ordinal) : text;
    }

    /// <summary>JSON's number grammar: an optional minus, no leading zeros, an optional fraction and exponent.</summary>
    private static bool IsJsonNumber(ReadOnlySpan<byte> value)
    {
        var i = 0;
        if (value[i] == (byte)'-')
        {
            i++;
        }

        if (i >= value.Length || !char.IsAsciiDigit((char)value[i]))
        {
            return false;
        }

        if (value[i] == (byte)'0' && i + 1 < value.Length && char.IsAsciiDigit((char)value[i + 1]))
        {
            return false;
        }

        i = Digits(value, i);
        if (i < value.Length && value[i] == (byte)'.')
        {
            var fraction = Digits(value, i + 1);
            if (fraction == i + 1)
            {
                return false;
            }

            i = fraction;
        }

        if (i < value.Length && value[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < value.Length && value[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            var exponent = Digits(value, i);
            if (exponent == i)
            {
                return false;
            }

            i = exponent;
        }

        return i == value.Length;
    }

    private static int Digits(ReadOnlySpan<byte> value, int i)
    {
        while (i < value.Length && char.IsAsciiDigit((char)value[i]))
        {
            i++;
        }

        return i;
    }
}
