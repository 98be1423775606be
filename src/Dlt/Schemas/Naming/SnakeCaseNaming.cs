using System.Buffers;
using System.Text;

namespace Dlt.Schemas.Naming;

/// <summary>
/// dlt's default <c>snake_case</c> naming convention: case-insensitive, lower-case ASCII letters, digits and
/// single underscores, <c>__</c> between the fragments of a path. Identifiers longer than
/// <see cref="MaxLength"/> are shortened to exactly that length with a 6-character SHAKE128 tag in the middle,
/// character for character as dlt does, so tables and columns get the names dlt would give them.
/// </summary>
/// <remarks>
/// Lengths are counted in Unicode code points, as Python counts them. Instances hold no mutable state and are
/// safe to share between threads; results are not cached here, the caller caches them.
/// For the nested names PostgreSQL (63 characters) gets from the rasa test corpus, <see cref="ShortenFragments"/>
/// of the normalized fragments and <see cref="NormalizePath"/> of the joined path give the same result, because
/// those keys are already snake_case and both calls then hash the same text. They differ when a key changes
/// under normalization: <see cref="NormalizePath"/> hashes the original path (dlt's <c>normalize_path</c>, used
/// for root table names), <see cref="ShortenFragments"/> hashes the joined normalized path (dlt's
/// <c>shorten_fragments</c>, used for nested table and flattened column names).
/// </remarks>
public sealed class SnakeCaseNaming : INamingConvention
{
    private const string Separator = "__";
    private const int TagLength = 6;
    private const int TagDigestBytes = 4;
    private const int StackCharLimit = 256;
    private const int StackByteLimit = 512;

    /// <summary>Creates the convention; identifiers longer than <paramref name="maxLength"/> are shortened.</summary>
    /// <param name="maxLength">The destination's identifier limit, at least 6 (the tag's length); <see langword="null"/> for no limit.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is below 6.</exception>
    public SnakeCaseNaming(int? maxLength = null)
    {
        if (maxLength is { } max && max < TagLength)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxLength),
                max,
                $"The maximum identifier length must be at least {TagLength} (the length of the shortening tag), or null for no limit.");
        }

        MaxLength = maxLength;
    }

    /// <inheritdoc/>
    public int? MaxLength { get; }

    /// <inheritdoc/>
    public string PathSeparator => Separator;

    /// <summary>
    /// Normalizes one identifier: trims it, maps <c>+ * @ | -</c> to <c>x x a l _</c>, turns every run of other
    /// characters outside <c>[a-zA-Z0-9_]</c> (Unicode decimal digits stay, as in Python's <c>\d</c>) into one
    /// <c>_</c>, breaks camel case, lower-cases, prefixes a leading digit with <c>_</c>, turns each trailing
    /// <c>_</c> into <c>x</c>, collapses <c>__+</c> and shortens with a tag of the trimmed original identifier.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="identifier"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="identifier"/> is empty or whitespace.</exception>
    public string NormalizeIdentifier(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        ReadOnlySpan<char> trimmed = TrimPythonWhitespace(identifier);
        if (trimmed.IsEmpty)
        {
            throw new ArgumentException(
                "An identifier cannot be empty or whitespace only; give the field or table a name.",
                nameof(identifier));
        }

        return NormalizeTrimmed(trimmed);
    }

    /// <inheritdoc/>
    public string NormalizeTableIdentifier(string identifier) => NormalizeIdentifier(identifier);

    /// <summary>
    /// Splits <paramref name="path"/> on <c>__</c> (left to right, so <c>a___b</c> gives <c>a</c> and <c>_b</c>),
    /// drops whitespace-only fragments, normalizes each fragment with <see cref="NormalizeIdentifier"/>, joins them
    /// with <c>__</c> and shortens the result with a tag of the original, untrimmed <paramref name="path"/>.
    /// </summary>
    /// <returns>The normalized path; empty when every fragment is empty or whitespace, as in dlt.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public string NormalizePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.Contains(Separator, StringComparison.Ordinal))
        {
            // One fragment: its own shortening already brings it within the limit.
            ReadOnlySpan<char> trimmed = TrimPythonWhitespace(path);
            return trimmed.IsEmpty ? string.Empty : NormalizeTrimmed(trimmed);
        }

        var joined = new StringBuilder(path.Length + 8);
        ReadOnlySpan<char> rest = path;
        while (true)
        {
            int cut = rest.IndexOf(Separator, StringComparison.Ordinal);
            ReadOnlySpan<char> fragment = cut < 0 ? rest : rest[..cut];
            ReadOnlySpan<char> trimmed = TrimPythonWhitespace(fragment);
            if (!trimmed.IsEmpty)
            {
                if (joined.Length > 0)
                {
                    joined.Append(Separator);
                }

                joined.Append(NormalizeTrimmed(trimmed));
            }

            if (cut < 0)
            {
                break;
            }

            rest = rest[(cut + Separator.Length)..];
        }

        return Shorten(joined.ToString(), path);
    }

    /// <summary>
    /// Joins already normalized fragments with <c>__</c> (skipping whitespace-only ones) and shortens the result
    /// with a tag of the joined text itself, as dlt's <c>shorten_fragments</c> does for nested table names and
    /// flattened column names.
    /// </summary>
    /// <exception cref="ArgumentException">No fragment was given, or one of them is null.</exception>
    public string ShortenFragments(params ReadOnlySpan<string> normalizedFragments)
    {
        if (normalizedFragments.IsEmpty)
        {
            throw new ArgumentException("At least one fragment is needed to build a path.", nameof(normalizedFragments));
        }

        int length = 0;
        int count = 0;
        string? single = null;
        foreach (string fragment in normalizedFragments)
        {
            if (fragment is null)
            {
                throw new ArgumentException("A path fragment cannot be null.", nameof(normalizedFragments));
            }

            if (!TrimPythonWhitespace(fragment).IsEmpty)
            {
                length += fragment.Length + (count > 0 ? Separator.Length : 0);
                count++;
                single = fragment;
            }
        }

        if (count <= 1)
        {
            return single is null ? string.Empty : Shorten(single, single);
        }

        string joined = string.Create(length, normalizedFragments, static (destination, fragments) =>
        {
            int written = 0;
            foreach (string fragment in fragments)
            {
                if (TrimPythonWhitespace(fragment).IsEmpty)
                {
                    continue;
                }

                if (written > 0)
                {
                    Separator.CopyTo(destination[written..]);
                    written += Separator.Length;
                }

                fragment.CopyTo(destination[written..]);
                written += fragment.Length;
            }
        });

        return Shorten(joined, joined);
    }

    private string NormalizeTrimmed(ReadOnlySpan<char> trimmed) => Shorten(ToSnakeCase(trimmed), trimmed);

    private static string ToSnakeCase(ReadOnlySpan<char> identifier)
    {
        // Camel-case breaks at most add n/3 + n/2 underscores, the digit prefix one more.
        int capacity = (identifier.Length * 2) + 2;
        char[]? rented = null;
        Span<char> buffers = capacity * 2 <= StackCharLimit
            ? stackalloc char[StackCharLimit]
            : (rented = ArrayPool<char>.Shared.Rent(capacity * 2));
        try
        {
            Span<char> first = buffers[..capacity];
            Span<char> second = buffers.Slice(capacity, capacity);

            int length = ReduceAlphabet(identifier, first);
            length = BreakBeforeCapitalizedWords(first[..length], second);
            length = BreakBeforeCapitalsAndLowerCase(second[..length], first);
            return Finish(first[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    // Translates + - * @ | and replaces each run of characters outside [a-zA-Z\d_] with one underscore.
    private static int ReduceAlphabet(ReadOnlySpan<char> source, Span<char> destination)
    {
        int written = 0;
        bool inRun = false;
        for (int i = 0; i < source.Length; i++)
        {
            char c = source[i] switch
            {
                '+' => 'x',
                '-' => '_',
                '*' => 'x',
                '@' => 'a',
                '|' => 'l',
                var other => other,
            };

            if (char.IsAsciiLetterOrDigit(c) || c == '_' || (!char.IsSurrogate(c) && char.IsDigit(c)))
            {
                destination[written++] = c;
                inRun = false;
            }
            else if (char.IsHighSurrogate(c)
                && i + 1 < source.Length
                && char.IsLowSurrogate(source[i + 1])
                && Rune.IsDigit(new Rune(c, source[i + 1])))
            {
                destination[written++] = c;
                destination[written++] = source[++i];
                inRun = false;
            }
            else if (!inRun)
            {
                destination[written++] = '_';
                inRun = true;
            }
        }

        return written;
    }

    // Regex ([^_])([A-Z][a-z]+) -> \1_\2, non-overlapping matches from the left.
    private static int BreakBeforeCapitalizedWords(ReadOnlySpan<char> source, Span<char> destination)
    {
        int written = 0;
        int i = 0;
        while (i < source.Length)
        {
            if (i + 2 < source.Length && source[i] != '_' && char.IsAsciiLetterUpper(source[i + 1]) && char.IsAsciiLetterLower(source[i + 2]))
            {
                destination[written++] = source[i];
                destination[written++] = '_';
                destination[written++] = source[i + 1];
                int j = i + 2;
                while (j < source.Length && char.IsAsciiLetterLower(source[j]))
                {
                    destination[written++] = source[j++];
                }

                i = j;
            }
            else
            {
                destination[written++] = source[i++];
            }
        }

        return written;
    }

    // Regex ([a-z0-9])([A-Z]) -> \1_\2, then lower-case (only ASCII letters are left to lower).
    private static int BreakBeforeCapitalsAndLowerCase(ReadOnlySpan<char> source, Span<char> destination)
    {
        int written = 0;
        int i = 0;
        while (i < source.Length)
        {
            char c = source[i];
            if (i + 1 < source.Length && (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) && char.IsAsciiLetterUpper(source[i + 1]))
            {
                destination[written++] = c;
                destination[written++] = '_';
                destination[written++] = (char)(source[i + 1] | 0x20);
                i += 2;
            }
            else
            {
                destination[written++] = char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c;
                i++;
            }
        }

        return written;
    }

    // Prefixes a leading digit with _, turns each trailing _ into x and collapses runs of _.
    private static string Finish(ReadOnlySpan<char> snake)
    {
        bool leadingDigit = StartsWithDecimalDigit(snake);
        int end = snake.Length;
        while (end > 0 && snake[end - 1] == '_')
        {
            end--;
        }

        int trailing = snake.Length - end;
        Span<char> result = snake.Length + 1 <= StackCharLimit ? stackalloc char[StackCharLimit] : new char[snake.Length + 1];
        int written = 0;
        if (leadingDigit)
        {
            result[written++] = '_';
        }

        for (int i = 0; i < end; i++)
        {
            if (snake[i] == '_' && written > 0 && result[written - 1] == '_')
            {
                continue;
            }

            result[written++] = snake[i];
        }

        result.Slice(written, trailing).Fill('x');
        written += trailing;
        return new string(result[..written]);
    }

    private static bool StartsWithDecimalDigit(ReadOnlySpan<char> text) =>
        !text.IsEmpty && Rune.DecodeFromUtf16(text, out Rune first, out _) == OperationStatus.Done && Rune.IsDigit(first);

    private string Shorten(string normalized, ReadOnlySpan<char> tagSource)
    {
        if (MaxLength is not { } maxLength)
        {
            return normalized;
        }

        bool hasSurrogates = normalized.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;
        int codePoints = hasSurrogates ? CountCodePoints(normalized) : normalized.Length;
        if (codePoints <= maxLength)
        {
            return normalized;
        }

        int remaining = maxLength - TagLength;
        int headCodePoints = (remaining / 2) + (remaining % 2);
        int tailCodePoints = remaining / 2;
        int headEnd = hasSurrogates ? CharIndexOfCodePoint(normalized, headCodePoints) : headCodePoints;
        int tailStart = hasSurrogates
            ? CharIndexOfCodePoint(normalized, codePoints - tailCodePoints)
            : normalized.Length - tailCodePoints;

        Span<char> tag = stackalloc char[TagLength];
        WriteTag(tagSource, tag);

        ReadOnlySpan<char> head = normalized.AsSpan(0, headEnd);
        ReadOnlySpan<char> tail = normalized.AsSpan(tailStart);
        int length = head.Length + TagLength + tail.Length;
        char[]? rented = null;
        Span<char> result = length <= StackCharLimit ? stackalloc char[StackCharLimit] : (rented = ArrayPool<char>.Shared.Rent(length));
        try
        {
            head.CopyTo(result);
            tag.CopyTo(result[head.Length..]);
            tail.CopyTo(result[(head.Length + TagLength)..]);
            return new string(result[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    // Tag = SHAKE128(utf-8)[0..4] in base64 without padding, '/' -> 'a', '+' -> 'b', lower-cased.
    private static void WriteTag(ReadOnlySpan<char> source, Span<char> tag)
    {
        int maxBytes = Encoding.UTF8.GetMaxByteCount(source.Length);
        byte[]? rented = null;
        Span<byte> utf8 = maxBytes <= StackByteLimit ? stackalloc byte[StackByteLimit] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            int byteCount = Encoding.UTF8.GetBytes(source, utf8);
            Span<byte> digest = stackalloc byte[TagDigestBytes];
            Shake128Hash.HashData(utf8[..byteCount], digest);

            Span<char> base64 = stackalloc char[8];
            Convert.TryToBase64Chars(digest, base64, out _);
            for (int i = 0; i < TagLength; i++)
            {
                char c = base64[i];
                tag[i] = c switch
                {
                    '/' => 'a',
                    '+' => 'b',
                    _ => char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c,
                };
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int CountCodePoints(ReadOnlySpan<char> text)
    {
        int count = 0;
        foreach (Rune _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static int CharIndexOfCodePoint(ReadOnlySpan<char> text, int codePointIndex)
    {
        int index = 0;
        for (int i = 0; i < codePointIndex; i++)
        {
            Rune.DecodeFromUtf16(text[index..], out _, out int consumed);
            index += consumed;
        }

        return index;
    }

    // Python's str.strip(): char.IsWhiteSpace plus the separators U+001C..U+001F.
    private static bool IsPythonWhitespace(char c) => char.IsWhiteSpace(c) || (c >= '\u001C' && c <= '\u001F');

    private static ReadOnlySpan<char> TrimPythonWhitespace(ReadOnlySpan<char> text)
    {
        int start = 0;
        while (start < text.Length && IsPythonWhitespace(text[start]))
        {
            start++;
        }

        int end = text.Length;
        while (end > start && IsPythonWhitespace(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }
}
