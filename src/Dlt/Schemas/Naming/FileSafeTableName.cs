namespace Dlt.Schemas.Naming;

/// <summary>
/// Table names become the start of job file names (<c>&lt;table&gt;.&lt;file_id&gt;.&lt;retry&gt;.&lt;ext&gt;</c>),
/// which file systems cap at 255 bytes. A table name longer than <see cref="MaxLength"/> (possible
/// where the destination has no identifier limit, as DuckDB, with deeply nested lists) is shortened
/// to it by dlt's own rule, tag included. dlt fails on such tables (<c>[Errno 36] File name too long</c>,
/// dlt-hub/dlt#191, #1697; its docs suggest <c>max_identifier_length=200</c>), so no name that loads
/// in dlt changes (docs/divergences.md).
/// </summary>
internal static class FileSafeTableName
{
    /// <summary>The longest table name kept as it is: dlt's suggested <c>max_identifier_length</c>, leaving room for the rest of a job file name.</summary>
    public const int MaxLength = 200;

    private static readonly SnakeCaseNaming s_capped = new(MaxLength);

    /// <summary>A nested table's name from its unshortened path of normalized fragments.</summary>
    public static string OfPath(INamingConvention naming, string fullPath)
    {
        var name = naming.ShortenFragments(fullPath);
        return name.Length <= MaxLength ? name : s_capped.ShortenFragments(fullPath);
    }

    /// <summary>A root table's name from the resource's (or item's) table name.</summary>
    public static string OfTable(INamingConvention naming, string tableName)
    {
        var name = naming.NormalizeTableIdentifier(tableName);
        return name.Length <= MaxLength ? name : s_capped.NormalizeTableIdentifier(tableName);
    }
}
