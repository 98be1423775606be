namespace Dlt.ConformanceTests.Corpus;

/// <summary>
/// Cases where we knowingly differ from dlt. For these the run must succeed (or, for runs dlt rejected,
/// fail with our step exception) and the root table's row count must match; tables are not compared.
/// </summary>
internal static class KnownDivergences
{
    public static IReadOnlyDictionary<string, string> Reasons { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["pua_encoded_row"] =
            "dlt decodes its private-use-area type markers in user strings (and postgres then rejects the decoded bytes: "
            + "invalid hexadecimal digit); we keep user strings verbatim (docs/divergences.md)",
        ["ethereum_blocks"] =
            "dlt infers bigint for wei amounts and then fails on values beyond 64 bits (filesystem: Integer exceeds 64-bit range; "
            + "postgres: bigint out of range); we may fail the same way (PipelineStepFailedException) or load the values",
    };
}
