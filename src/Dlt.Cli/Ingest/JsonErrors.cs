using System.Text.Json;

namespace Dlt.Cli.Ingest;

/// <summary>The reason part of a <see cref="JsonException"/> message, without System.Text.Json's own position suffix.</summary>
internal static class JsonErrors
{
    public static string Reason(JsonException exception)
    {
        var message = exception.Message;
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (position < 0 ? message : message[..position]).TrimEnd();
    }
}
