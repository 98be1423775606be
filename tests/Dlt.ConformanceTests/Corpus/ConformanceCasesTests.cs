namespace Dlt.ConformanceTests.Corpus;

public sealed class ConformanceCasesTests
{
    [Fact]
    public void Discovers_a_case_for_every_input_and_the_variants()
    {
        if (CorpusTheoryData.DirectoryOrSkip() is not { } corpus)
        {
            return;
        }

        var cases = ConformanceCases.Discover(corpus);

        var inputs = Directory.EnumerateFiles(Path.Combine(corpus, "input"), "*.jsonl").Select(Path.GetFileNameWithoutExtension);
        Assert.All(inputs, input => Assert.Contains(cases, c => c.InputName == input));
        Assert.All(cases, c => Assert.True(File.Exists(c.InputFile), $"case {c.Id}: no input {c.InputFile}"));
        Assert.Contains(cases, c => c is { Id: "rasa_user_load.nesting1", InputName: "rasa_user_load", MaxTableNesting: 1 });
        Assert.Contains(cases, c => c is { Id: "rasa_user_load.nesting2", MaxTableNesting: 2 });
        Assert.Contains(cases, c => c is { Id: "ethereum_blocks", IsRejected: true });
        Assert.DoesNotContain(cases, c => c.Id.Contains("merge_id_twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Discovers_the_postgres_cases_with_the_merge_variant_and_the_rejected_runs()
    {
        if (CorpusTheoryData.DirectoryOrSkip() is not { } corpus)
        {
            return;
        }

        var cases = ConformanceCases.Discover(corpus, ConformanceCases.Postgres);

        Assert.All(cases, c => Assert.Equal(ConformanceCases.Postgres, c.Destination));
        Assert.Contains(cases, c => c is { Id: "github_issues.merge_id_twice", Variant: ConformanceCase.MergeTwiceVariant, IsMergeTwice: true, MaxTableNesting: null });
        Assert.Contains(cases, c => c is { Id: "pua_encoded_row", IsRejected: true });
        Assert.Contains(cases, c => c is { Id: "ethereum_blocks", IsRejected: true });
        Assert.Contains(cases, c => c is { Id: "rasa_user_load.nesting1", MaxTableNesting: 1 });
    }

    [Fact]
    public void Rejects_a_variant_it_does_not_know()
    {
        var conformanceCase = new ConformanceCase("x.upsert_twice", "x", "upsert_twice", "/corpus", "/corpus/expected/x.upsert_twice.filesystem.json");

        var error = Assert.Throws<InvalidOperationException>(() => conformanceCase.MaxTableNesting);

        Assert.Contains("unknown variant 'upsert_twice'", error.Message, StringComparison.Ordinal);
    }
}
