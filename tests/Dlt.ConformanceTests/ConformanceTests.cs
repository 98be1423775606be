using Dlt.ConformanceTests.Comparison;
using Dlt.ConformanceTests.Corpus;
using Xunit.Abstractions;

namespace Dlt.ConformanceTests;

/// <summary>
/// Loads every case of the dlt conformance corpus through the public API and compares tables, columns,
/// row counts and rows with what dlt 1.26 produced: the filesystem cases into a fresh DuckDB file, the
/// postgres cases into a fresh schema of the test PostgreSQL (names over 63 characters shortened).
/// </summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    public static TheoryData<string> FilesystemCases() => CorpusTheoryData.FilesystemCaseIds();

    public static TheoryData<string> PostgresCases() => CorpusTheoryData.PostgresCaseIds();

    [Fact]
    public void Corpus_is_present_or_reported()
    {
        var location = CorpusLocator.Locate();
        if (location.IsPresent)
        {
            foreach (var destination in new[] { ConformanceCases.Filesystem, ConformanceCases.Postgres })
            {
                var cases = ConformanceCases.Discover(location.Directory!, destination);
                Assert.True(cases.Count > 0, $"no expected/*.{destination}.json in {location.Directory}");
                output.WriteLine($"conformance corpus: {location.Description}, {cases.Count} {destination} cases");
            }

            return;
        }

        output.WriteLine(location.NotFoundMessage);
        Assert.False(location.Required, location.NotFoundMessage + " (it is required when the variable is set or CI=true)");
    }

    [Theory]
    [MemberData(nameof(FilesystemCases))]
    public Task Loads_case_like_dlt(string caseId) => LoadsLikeDltAsync(caseId, ConformanceCases.Filesystem);

    [Theory]
    [MemberData(nameof(PostgresCases))]
    public Task Loads_postgres_case_like_dlt(string caseId) => LoadsLikeDltAsync(caseId, ConformanceCases.Postgres);

    /// <summary>
    /// The merge case (two runs of the same input, merge on <c>id</c>) gives on DuckDB the tables dlt
    /// gave on PostgreSQL: one copy of every issue and of its child rows, with <c>_dlt_root_id</c>.
    /// </summary>
    [Fact]
    public async Task The_merge_case_gives_the_postgres_tables_on_duckdb()
    {
        if (CorpusTheoryData.DirectoryOrSkip() is not { } corpus)
        {
            return;
        }

        var mergeCase = ConformanceCases.Discover(corpus, ConformanceCases.Postgres).Single(c => c.IsMergeTwice);
        using var work = new WorkDirectory(mergeCase.Id + ".duckdb");
        using var run = ConformanceRun.In(work.Path, ConformanceCases.Filesystem);
        await run.RunAsync(mergeCase);

        using var database = run.OpenDatabase();
        var mismatches = CaseVerifier.Verify($"{mergeCase.Id}.duckdb", ExpectedRun.Load(mergeCase.ExpectedFile), run.SchemaPath, database, run.DatasetName);
        mismatches.Footer = work.Advice;
        mismatches.ThrowIfAny();
    }

    [Fact]
    public void Every_postgres_case_is_run_or_a_known_gap()
    {
        if (CorpusTheoryData.DirectoryOrSkip() is not { } corpus)
        {
            return;
        }

        var ids = ConformanceCases.Discover(corpus, ConformanceCases.Postgres).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var run = ((IEnumerable<object[]>)PostgresCases()).Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        foreach (var (gap, reason) in KnownGaps.Reasons)
        {
            Assert.True(ids.Contains(gap), $"known gap {gap} ({reason}) is not in the corpus any more: remove it from {nameof(KnownGaps)}");
            output.WriteLine($"known gap, not run: {gap}.postgres: {reason}");
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), run.Union(KnownGaps.Reasons.Keys).Order(StringComparer.Ordinal));
    }

    private async Task LoadsLikeDltAsync(string caseId, string destination)
    {
        if (CorpusTheoryData.DirectoryOrSkip() is not { } corpus)
        {
            return;
        }

        var conformanceCase = ConformanceCases.Discover(corpus, destination).Single(c => c.Id == caseId);
        using var work = new WorkDirectory($"{caseId}.{destination}");
        using var run = ConformanceRun.In(work.Path, destination);
        output.WriteLine($"case {caseId}.{destination}: input {conformanceCase.InputFile}, work dir {work.Path}, dataset {run.DatasetName}");

        if (conformanceCase.IsRejected)
        {
            await AssertRejectedOrLoadedAsync(conformanceCase, run);
            return;
        }

        var expected = ExpectedRun.Load(conformanceCase.ExpectedFile);
        await run.RunAsync(conformanceCase);

        if (KnownDivergences.Reasons.TryGetValue(caseId, out var reason))
        {
            output.WriteLine($"known divergence: {reason}");
            AssertRootRowCount(conformanceCase, run, expected.RowCounts[conformanceCase.InputName]);
            return;
        }

        using var database = run.OpenDatabase();
        var mismatches = CaseVerifier.Verify($"{caseId}.{destination}", expected, run.SchemaPath, database, run.DatasetName);
        mismatches.Footer = work.Advice;
        mismatches.ThrowIfAny();
    }

    // dlt rejected these runs; we may reject them too (with our step exception) or load every item.
    private async Task AssertRejectedOrLoadedAsync(ConformanceCase conformanceCase, ConformanceRun run)
    {
        Assert.True(
            KnownDivergences.Reasons.TryGetValue(conformanceCase.Id, out var reason),
            $"case {conformanceCase.Id}.{conformanceCase.Destination}: dlt rejected this run ({conformanceCase.ExpectedFile}); list it in {nameof(KnownDivergences)} with the reason we may differ");
        output.WriteLine($"dlt rejected this run; known divergence: {reason}");

        Exception? failure = null;
        try
        {
            await run.RunAsync(conformanceCase);
        }
        catch (PipelineStepFailedException exception)
        {
            failure = exception;
        }

        if (failure is not null)
        {
            output.WriteLine($"rejected as dlt did: {failure.Message}");
            Assert.False(string.IsNullOrWhiteSpace(failure.Message), "the step exception must say what failed and how to fix it");
            return;
        }

        AssertRootRowCount(conformanceCase, run, ConformanceRun.CountInputItems(conformanceCase));
    }

    private static void AssertRootRowCount(ConformanceCase conformanceCase, ConformanceRun run, long expected)
    {
        using var database = run.OpenDatabase();
        var tables = database.ListTables(run.DatasetName);
        Assert.True(
            tables.Contains(conformanceCase.InputName),
            $"case {conformanceCase.Id}.{conformanceCase.Destination}: root table {conformanceCase.InputName} missing in {database.EngineName} schema {run.DatasetName}; tables: {string.Join(", ", tables)}");
        var actual = database.CountRows(run.DatasetName, conformanceCase.InputName);
        Assert.True(
            actual == expected,
            $"case {conformanceCase.Id}.{conformanceCase.Destination}, table {conformanceCase.InputName}: row count: expected {expected}, actual {actual}");
    }
}
