namespace Dlt;

/// <summary>Builds error messages from several sentences: a message taken from elsewhere ends as a sentence before the next one.</summary>
internal static class MessageText
{
    /// <summary><paramref name="message"/> trimmed, with a full stop added unless it already ends with <c>.</c>, <c>!</c> or <c>?</c>.</summary>
    public static string Sentence(string message)
    {
        var trimmed = message.TrimEnd();
        return trimmed.Length == 0 || trimmed[^1] is '.' or '!' or '?' ? trimmed : trimmed + ".";
    }
}
