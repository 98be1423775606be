using System.Security.Cryptography;
using System.Text;

namespace Dlt.IntegrationTests.Hostile;

/// <summary>
/// dlt's <c>shorten_identifier</c>, written here from its definition (reference §4.1) and computed
/// with .NET's own SHAKE128, so that tests check the library's names against the rule rather than
/// against the library itself.
/// </summary>
internal static class DltIdentifier
{
    public static string Shorten(string identifier, int maxLength)
    {
        if (identifier.Length <= maxLength)
        {
            return identifier;
        }

        var digest = Shake128.HashData(Encoding.UTF8.GetBytes(identifier), 4);
        var tag = Convert.ToBase64String(digest).TrimEnd('=').Replace('/', 'a').Replace('+', 'b').ToLowerInvariant();
        var remaining = maxLength - tag.Length;
        var head = (remaining + 1) / 2;
        var tail = remaining / 2;
        return identifier[..head] + tag + identifier[^tail..];
    }
}
