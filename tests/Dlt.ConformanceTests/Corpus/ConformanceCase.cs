using System.Globalization;

namespace Dlt.ConformanceTests.Corpus;

/// <summary>
/// One run of the corpus: <c>expected/&lt;input&gt;[.&lt;variant&gt;].filesystem.json</c>, or
/// <c>.filesystem.error.txt</c> when dlt rejected the run.
/// </summary>
/// <param name="Id">The file stem without the destination, e.g. <c>rasa_user_load.nesting1</c>.</param>
/// <param name="InputName">The input file stem; also the resource and root table name.</param>
/// <param name="Variant">The variant name (<c>nesting1</c>), or null for the default run.</param>
/// <param name="CorpusDirectory">The corpus folder.</param>
/// <param name="ExpectedFile">The expected JSON file, or the error text of a rejected run.</param>
/// <param name="Destination">dlt's destination of the expected file: <c>filesystem</c> or <c>postgres</c>.</param>
internal sealed record ConformanceCase(string Id, string InputName, string? Variant, string CorpusDirectory, string ExpectedFile, string Destination = ConformanceCases.Filesystem)
{
    private const string NestingVariantPrefix = "nesting";

    /// <summary>The variant loading the input twice with write disposition merge and primary key <c>id</c>.</summary>
    public const string MergeTwiceVariant = "merge_id_twice";

    /// <summary>True for the <c>merge_id_twice</c> variant: merge (delete-insert) on primary key <c>id</c>, the same input loaded in two runs.</summary>
    public bool IsMergeTwice => Variant == MergeTwiceVariant;

    /// <summary>True when dlt failed this run and the corpus holds its error text instead of tables.</summary>
    public bool IsRejected => ExpectedFile.EndsWith(".error.txt", StringComparison.Ordinal);

    public string InputFile => Path.Combine(CorpusDirectory, "input", InputName + ".jsonl");

    /// <summary>The resource's <c>max_table_nesting</c> for <c>nesting&lt;N&gt;</c> variants; null for the default run.</summary>
    public int? MaxTableNesting => Variant switch
    {
        null or MergeTwiceVariant => null,
        _ when Variant.StartsWith(NestingVariantPrefix, StringComparison.Ordinal)
            && int.TryParse(Variant.AsSpan(NestingVariantPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var nesting) => nesting,
        _ => throw new InvalidOperationException(
            $"Case {Id}: unknown variant '{Variant}'. Teach {nameof(ConformanceCase)} which resource settings it stands for (see the corpus README, \"Variants\")."),
    };

    public override string ToString() => Id;
}
