namespace Dlt.ConformanceTests.Corpus;

/// <summary>Lists the corpus runs for one destination from the names of the files in <c>expected/</c>.</summary>
internal static class ConformanceCases
{
    public const string Destination = "filesystem";

    public static IReadOnlyList<ConformanceCase> Discover(string corpusDirectory)
    {
        var expectedDirectory = Path.Combine(corpusDirectory, "expected");
        var cases = new List<ConformanceCase>();
        foreach (var path in Directory.EnumerateFiles(expectedDirectory).Order(StringComparer.Ordinal))
        {
            var fileName = Path.GetFileName(path);
            var stem = StemOf(fileName, $".{Destination}.json") ?? StemOf(fileName, $".{Destination}.error.txt");
            if (stem is null)
            {
                continue;
            }

            var dot = stem.IndexOf('.', StringComparison.Ordinal);
            var input = dot < 0 ? stem : stem[..dot];
            var variant = dot < 0 ? null : stem[(dot + 1)..];
            cases.Add(new ConformanceCase(stem, input, variant, corpusDirectory, path));
        }

        return cases;
    }

    private static string? StemOf(string fileName, string suffix) =>
        fileName.EndsWith(suffix, StringComparison.Ordinal) ? fileName[..^suffix.Length] : null;
}
