namespace Dlt.ConformanceTests.Corpus;

/// <summary>Lists the corpus runs for one destination from the names of the files in <c>expected/</c>.</summary>
internal static class ConformanceCases
{
    /// <summary>dlt's local filesystem destination (no identifier limit); we load these cases into DuckDB.</summary>
    public const string Filesystem = "filesystem";

    /// <summary>dlt's postgres destination (identifiers shortened to 63 characters); we load these into PostgreSQL.</summary>
    public const string Postgres = "postgres";

    public static IReadOnlyList<ConformanceCase> Discover(string corpusDirectory, string destination = Filesystem)
    {
        var expectedDirectory = Path.Combine(corpusDirectory, "expected");
        var cases = new List<ConformanceCase>();
        foreach (var path in Directory.EnumerateFiles(expectedDirectory).Order(StringComparer.Ordinal))
        {
            var fileName = Path.GetFileName(path);
            var stem = StemOf(fileName, $".{destination}.json") ?? StemOf(fileName, $".{destination}.error.txt");
            if (stem is null)
            {
                continue;
            }

            var dot = stem.IndexOf('.', StringComparison.Ordinal);
            var input = dot < 0 ? stem : stem[..dot];
            var variant = dot < 0 ? null : stem[(dot + 1)..];
            cases.Add(new ConformanceCase(stem, input, variant, corpusDirectory, path, destination));
        }

        return cases;
    }

    private static string? StemOf(string fileName, string suffix) =>
        fileName.EndsWith(suffix, StringComparison.Ordinal) ? fileName[..^suffix.Length] : null;
}
