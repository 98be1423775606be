namespace Dlt.ConformanceTests.Corpus;

/// <summary>
/// Theory rows over the corpus. A theory without rows fails in xunit, so an absent corpus yields one
/// <see cref="NotFound"/> row; the tests return early through <see cref="DirectoryOrSkip"/> unless the corpus is required.
/// </summary>
internal static class CorpusTheoryData
{
    public const string NotFound = "(corpus not found)";

    /// <summary>The ids of the filesystem cases (<c>rasa_user_load.nesting1</c>, <c>ethereum_blocks</c>, ...).</summary>
    public static TheoryData<string> FilesystemCaseIds() =>
        Rows(directory => ConformanceCases.Discover(directory).Select(c => c.Id));

    /// <summary>The ids of the postgres cases we can run; <see cref="KnownGaps"/> are left out (they are listed as skipped tests).</summary>
    public static TheoryData<string> PostgresCaseIds() =>
        Rows(directory => ConformanceCases.Discover(directory, ConformanceCases.Postgres)
            .Where(c => !KnownGaps.Reasons.ContainsKey(c.Id))
            .Select(c => c.Id));

    /// <summary>The names of every <c>expected/*.json</c> file, postgres ones included.</summary>
    public static TheoryData<string> ExpectedFileNames() =>
        Rows(directory => Directory.EnumerateFiles(Path.Combine(directory, "expected"), "*.json")
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!);

    /// <summary>
    /// The corpus folder for a test, or null when it is absent and that is allowed (the test then returns);
    /// fails when it is absent but required.
    /// </summary>
    public static string? DirectoryOrSkip()
    {
        var location = CorpusLocator.Locate();
        if (location.IsPresent)
        {
            return location.Directory!;
        }

        Assert.False(location.Required, location.NotFoundMessage);
        return null;
    }

    private static TheoryData<string> Rows(Func<string, IEnumerable<string>> list)
    {
        var location = CorpusLocator.Locate();
        var data = new TheoryData<string>();
        if (!location.IsPresent)
        {
            data.Add(NotFound);
            return data;
        }

        foreach (var row in list(location.Directory!))
        {
            data.Add(row);
        }

        return data;
    }
}
