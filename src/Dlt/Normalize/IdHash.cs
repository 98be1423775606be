using System.Security.Cryptography;
using System.Text;

namespace Dlt.Normalize;

/// <summary>Temporary: replaced by the full implementation.</summary>
internal static class IdHash
{
    public static string ChildRowId(string parentRowId, string childTable, int listIndex)
    {
        var bytes = Encoding.UTF8.GetBytes($"{parentRowId}_{childTable}_{listIndex}");
        Span<byte> digest = stackalloc byte[10];
        Shake128.HashData(bytes, digest);
        return Convert.ToBase64String(digest).TrimEnd('=');
    }
}
