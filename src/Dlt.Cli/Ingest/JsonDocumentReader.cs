using System.Text.Json;

namespace Dlt.Cli.Ingest;

/// <summary>
/// Reads a JSON file that is an array of objects, or objects one after another (pretty-printed or one
/// per line), as pages of <see cref="RawJson"/> items: each object's bytes are sliced out of the block
/// they were read into, checked by a streaming <see cref="Utf8JsonReader"/> and never parsed into objects.
/// </summary>
internal static class JsonDocumentReader
{
    private const int BlockSize = 1 << 20;

    public static IEnumerable<RawJson[]> ReadPages(InputFile input)
    {
        using var stream = input.Open();
        var buffer = new byte[BlockSize];
        var filled = 0;
        var endOfInput = false;
        var state = new JsonReaderState(new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = 1000 });
        var mode = Mode.Unknown;
        var linesBefore = 0L;
        while (true)
        {
            while (!endOfInput && filled < buffer.Length)
            {
                var read = stream.Read(buffer, filled, buffer.Length - filled);
                endOfInput = read == 0;
                filled += read;
            }

            var page = new List<RawJson>();
            var (boundary, boundaryState, finished) = ReadBlock(input, buffer, filled, endOfInput, state, ref mode, linesBefore, page);
            if (page.Count > 0)
            {
                yield return [.. page];
            }

            if (finished)
            {
                yield break;
            }

            linesBefore += buffer.AsSpan(0, boundary).Count((byte)'\n');
            var remainder = filled - boundary;
            var next = new byte[remainder >= buffer.Length / 2 ? buffer.Length * 2 : buffer.Length];
            buffer.AsSpan(boundary, remainder).CopyTo(next);
            buffer = next;
            filled = remainder;
            state = boundaryState;
        }
    }

    /// <summary>Reads the complete objects of one block; returns where the last complete one ended and the reader state there.</summary>
    private static (int Boundary, JsonReaderState State, bool Finished) ReadBlock(
        InputFile input, byte[] buffer, int filled, bool endOfInput, JsonReaderState state, ref Mode mode, long linesBefore, List<RawJson> page)
    {
        var reader = new Utf8JsonReader(buffer.AsSpan(0, filled), endOfInput, state);
        var boundary = 0;
        var boundaryState = state;
        try
        {
            while (reader.Read())
            {
                if (mode == Mode.Unknown)
                {
                    mode = reader.TokenType == JsonTokenType.StartArray ? Mode.Array : Mode.Values;
                    if (mode == Mode.Array)
                    {
                        (boundary, boundaryState) = ((int)reader.BytesConsumed, reader.CurrentState);
                        continue;
                    }
                }

                if (mode == Mode.Array && reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == 0)
                {
                    mode = Mode.ArrayClosed;
                    (boundary, boundaryState) = ((int)reader.BytesConsumed, reader.CurrentState);
                    continue;
                }

                var start = (int)reader.TokenStartIndex;
                if (mode == Mode.ArrayClosed || reader.TokenType != JsonTokenType.StartObject)
                {
                    var line = linesBefore + buffer.AsSpan(0, start).Count((byte)'\n') + 1;
                    var what = mode == Mode.ArrayClosed ? "there is more JSON after the closing ']' of the array" : $"a {Describe(reader.TokenType)} where an object was expected";
                    throw new IngestInputException(input.DisplayName, $"{input.DisplayName}, line {line}: {what}. A JSON file holds an array of objects, or objects one after another.");
                }

                if (!reader.TrySkip())
                {
                    return (boundary, boundaryState, false);
                }

                page.Add(new RawJson(buffer.AsMemory(start, (int)reader.BytesConsumed - start)));
                (boundary, boundaryState) = ((int)reader.BytesConsumed, reader.CurrentState);
            }
        }
        catch (JsonException ex)
        {
            throw new IngestInputException(input.DisplayName, $"{input.DisplayName}, line {(ex.LineNumber ?? 0) + 1}: not valid JSON at byte {(ex.BytePositionInLine ?? 0) + 1} of the line: {JsonErrors.Reason(ex)}", ex);
        }

        return (boundary, boundaryState, endOfInput);
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "nested array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private enum Mode
    {
        Unknown,
        Values,
        Array,
        ArrayClosed,
    }
}
