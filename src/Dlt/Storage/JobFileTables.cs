namespace Dlt.Storage;

/// <summary>
/// Maps the shortened table parts of job file names (<see cref="JobFileName.TablePart"/>) back to the
/// table names of a package's schema. The map is built once, on the first shortened part looked up.
/// </summary>
internal sealed class JobFileTables(IEnumerable<string> tables)
{
    private readonly Lazy<Dictionary<string, string>> _byPart = new(() =>
    {
        var byPart = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var part = JobFileName.TablePart(table);
            if (part != table)
            {
                byPart.TryAdd(part, table);
            }
        }

        return byPart;
    });

    /// <summary>The table whose shortened part is <paramref name="part"/>; the part itself when none is.</summary>
    public string TableOf(string part) => _byPart.Value.GetValueOrDefault(part, part);
}
