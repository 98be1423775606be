using System.Text;
using System.Text.Json;

namespace Dlt.Storage;

/// <summary>A value of a <see cref="JsonTape"/>, read like a <see cref="JsonElement"/>; valid until the tape parses its next line.</summary>
internal readonly struct JsonTapeValue(JsonTape tape, int index)
{
    public JsonValueKind ValueKind => tape.KindAt(index);

    /// <summary>The value's text as it lies in the line (a string with its quotes).</summary>
    public ReadOnlySpan<byte> RawUtf8 => tape.RawAt(index);

    public string GetRawText() => Encoding.UTF8.GetString(tape.RawAt(index));

    public string GetString() => tape.StringAt(index);

    public bool TryGetInt64(out long value) => tape.TryGetInt64At(index, out value);

    public double GetDouble() => tape.DoubleAt(index);

    /// <summary>Whether this is a string whose bytes between its quotes are its text as it is: no escape, no typed-value marker.</summary>
    public bool IsPlainString => tape.IsPlainStringAt(index);

    public bool GetBoolean() => tape.KindAt(index) == JsonValueKind.True;

    public int GetArrayLength() => tape.CountAt(index);

    public ObjectEnumerator EnumerateObject() => new(tape, index);

    public ArrayEnumerator EnumerateArray() => new(tape, index);

    /// <summary>The value as a <see cref="JsonElement"/> of its own (parsed again), for the rare paths that write it out.</summary>
    public JsonElement ToElement()
    {
        var reader = new Utf8JsonReader(tape.RawAt(index), Storage.ItemJsonLimits.ReaderOptions);
        return JsonElement.ParseValue(ref reader);
    }

    /// <summary>The properties of an object, in document order.</summary>
    public struct ObjectEnumerator(JsonTape tape, int objectIndex)
    {
        private readonly int _end = tape.NextAt(objectIndex);
        private int _next = objectIndex + 1;
        private int _name = -1;

        public readonly JsonTapeProperty Current => new(tape, _name);

        public readonly ObjectEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_next >= _end)
            {
                return false;
            }

            _name = _next;
            _next = tape.NextAt(_name + 1);
            return true;
        }
    }

    /// <summary>The elements of an array, in order.</summary>
    public struct ArrayEnumerator(JsonTape tape, int arrayIndex)
    {
        private readonly int _end = tape.NextAt(arrayIndex);
        private int _next = arrayIndex + 1;
        private int _current = -1;

        public readonly JsonTapeValue Current => new(tape, _current);

        public readonly ArrayEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_next >= _end)
            {
                return false;
            }

            _current = _next;
            _next = tape.NextAt(_current);
            return true;
        }
    }
}

/// <summary>A property of a <see cref="JsonTapeValue"/> object.</summary>
internal readonly struct JsonTapeProperty(JsonTape tape, int nameIndex)
{
    /// <summary>The name's bytes between its quotes, escapes as written.</summary>
    public ReadOnlySpan<byte> RawName => tape.RawAt(nameIndex)[1..^1];

    public string Name => tape.StringAt(nameIndex);

    public JsonTapeValue Value => new(tape, nameIndex + 1);
}
