using System.Text;

namespace Dlt.Rest;

/// <summary>
/// A string with <c>{name}</c> placeholders, as Python's <c>str.format</c> reads it (<c>{{</c> and
/// <c>}}</c> are literal braces): the text of a path, a parameter, a header or a JSON string.
/// </summary>
internal sealed class Placeholder
{
    private readonly (string Text, bool IsField)[] _parts;

    private Placeholder((string, bool)[] parts) => _parts = parts;

    /// <summary>The empty text.</summary>
    public static Placeholder Empty { get; } = new([]);

    /// <summary>The placeholder names, in order.</summary>
    public IEnumerable<string> Fields => _parts.Where(p => p.IsField).Select(p => p.Text);

    /// <summary>Whether the text is one placeholder and nothing else (its value keeps its JSON type in a body).</summary>
    public string? SingleField => _parts is [(var text, true)] ? text : null;

    /// <summary>Parses <paramref name="text"/>; false with a reason when a brace is unbalanced.</summary>
    public static bool TryParse(string text, out Placeholder template, out string? error)
    {
        var parts = new List<(string, bool)>();
        var literal = new StringBuilder();
        error = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '{' && i + 1 < text.Length && text[i + 1] == '{')
            {
                literal.Append('{');
                i++;
            }
            else if (c == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                literal.Append('}');
                i++;
            }
            else if (c == '{')
            {
                var end = text.IndexOf('}', i + 1);
                if (end < 0)
                {
                    error = $"'{text}' has a '{{' without its '}}' (write '{{{{' for a literal brace).";
                    break;
                }

                if (literal.Length > 0)
                {
                    parts.Add((literal.ToString(), false));
                    literal.Clear();
                }

                parts.Add((text[(i + 1)..end].Trim(), true));
                i = end;
            }
            else if (c == '}')
            {
                error = $"'{text}' has a '}}' without its '{{' (write '}}}}' for a literal brace).";
                break;
            }
            else
            {
                literal.Append(c);
            }
        }

        if (literal.Length > 0)
        {
            parts.Add((literal.ToString(), false));
        }

        template = new Placeholder([.. parts]);
        return error is null;
    }

    /// <summary>The text with every placeholder replaced by <paramref name="value"/> of its name.</summary>
    public string Expand(Func<string, string> value)
    {
        var text = new StringBuilder();
        foreach (var (part, isField) in _parts)
        {
            text.Append(isField ? value(part) : part);
        }

        return text.ToString();
    }
}
