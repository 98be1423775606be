using Dlt.ConformanceTests.Corpus;
using Dlt.ConformanceTests.Database;
using DuckDB.NET.Data;

namespace Dlt.ConformanceTests.Comparison;

/// <summary>The comparison against databases written from the expected files themselves (no pipeline involved).</summary>
public sealed class CaseVerifierTests
{
    private const string Dataset = "conformance";

    public static TheoryData<string> FilesystemCases() => CorpusTheoryData.FilesystemCaseIds();

    [Theory]
    [MemberData(nameof(FilesystemCases))]
    public void Accepts_a_load_that_matches_the_expected_file(string caseId)
    {
        if (Expected(caseId) is not { } expected)
        {
            return;
        }

        using var work = new WorkDirectory("self-" + caseId);
        var (database, schema) = Simulate(work, expected);

        var mismatches = CaseVerifier.Verify(caseId, expected, schema, database, Dataset);

        Assert.False(mismatches.Any, mismatches.Report());
    }

    [Fact]
    public void Names_case_table_row_and_column_of_a_wrong_value()
    {
        if (Expected("simple_row") is not { } expected)
        {
            return;
        }

        using var work = new WorkDirectory("self-wrong-value");
        var (database, schema) = Simulate(work, expected);
        Execute(database, """UPDATE conformance.conformance.simple_row SET f_str = 'other', f_float = 1e16 WHERE f_str = 'some string'""");

        var mismatches = CaseVerifier.Verify("simple_row", expected, schema, database, Dataset);

        Assert.Contains("case simple_row, table simple_row, row simple_row#1, column f_float: expected 9.2898e+41, actual 1e+16", mismatches.Lines);
        Assert.Contains("case simple_row, table simple_row, row simple_row#1, column f_str: expected \"some string\", actual \"other\"", mismatches.Lines);
        Assert.Equal(2, mismatches.Lines.Count);
    }

    [Fact]
    public void Reports_row_counts_and_column_types_that_differ()
    {
        if (Expected("simple_row") is not { } expected)
        {
            return;
        }

        using var work = new WorkDirectory("self-wrong-shape");
        var (database, schema) = Simulate(work, expected);
        Execute(database, "DELETE FROM conformance.conformance.simple_row WHERE f_str IS NULL");
        Execute(database, "ALTER TABLE conformance.conformance.simple_row ALTER f_int TYPE DOUBLE");

        var mismatches = CaseVerifier.Verify("simple_row", expected, schema, database, Dataset);

        Assert.Contains("case simple_row, table simple_row: row count: expected 2, actual 1", mismatches.Lines);
        Assert.Contains(
            "case simple_row, table simple_row, column f_int: DuckDB type DOUBLE (double) does not store our schema's data_type bigint",
            mismatches.Lines);
    }

    [Fact]
    public void Reports_column_order_and_hints_that_differ_in_the_stored_schema()
    {
        if (Expected("simple_row") is not { } expected)
        {
            return;
        }

        using var work = new WorkDirectory("self-wrong-schema");
        var (database, schema) = Simulate(work, expected);
        var text = File.ReadAllText(schema)
            .Replace("\"unique\":true", "\"unique\":false", StringComparison.Ordinal)
            .Replace("\"f_bool\":", "\"f_bool_0\":", StringComparison.Ordinal);
        File.WriteAllText(schema, text);

        var mismatches = CaseVerifier.Verify("simple_row", expected, schema, database, Dataset);

        Assert.Contains(mismatches.Lines, l => l.StartsWith("case simple_row, table simple_row: columns missing in our schema: f_bool", StringComparison.Ordinal));
        Assert.Contains(mismatches.Lines, l => l.StartsWith("case simple_row, table simple_row, column _dlt_id: expected {", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reports_a_wrong_value_read_back_from_postgres()
    {
        if (CorpusTheoryData.DirectoryOrSkip() is not { } corpus)
        {
            return;
        }

        // Given simple_row loaded into PostgreSQL, then one value changed behind the pipeline's back
        var conformanceCase = ConformanceCases.Discover(corpus, ConformanceCases.Postgres).Single(c => c.Id == "simple_row");
        var expected = ExpectedRun.Load(conformanceCase.ExpectedFile);
        using var work = new WorkDirectory("self-postgres-wrong-value");
        using var run = ConformanceRun.In(work.Path, ConformanceCases.Postgres);
        await run.RunAsync(conformanceCase);
        Dlt.TestKit.TestPostgres.Execute($"UPDATE \"{run.DatasetName}\".simple_row SET f_str = 'other' WHERE f_str = 'some string'");

        // When
        using var database = run.OpenDatabase();
        var mismatches = CaseVerifier.Verify("simple_row", expected, run.SchemaPath, database, run.DatasetName);

        // Then
        Assert.Contains(mismatches.Lines, l => l.EndsWith("column f_str: expected \"some string\", actual \"other\"", StringComparison.Ordinal));
    }

    private static ExpectedRun? Expected(string caseId)
    {
        if (CorpusTheoryData.DirectoryOrSkip() is not { } corpus)
        {
            return null;
        }

        var conformanceCase = ConformanceCases.Discover(corpus).Single(c => c.Id == caseId);

        // Rejected runs have no tables, and divergent cases are not compared.
        return conformanceCase.IsRejected || KnownDivergences.Reasons.ContainsKey(caseId)
            ? null
            : ExpectedRun.Load(conformanceCase.ExpectedFile);
    }

    private static (string Database, string Schema) Simulate(WorkDirectory work, ExpectedRun expected)
    {
        // Named like the dataset on purpose: the reader must qualify names with the catalog.
        var database = Path.Combine(work.Path, "conformance.duckdb");
        var schema = StoredSchemaFile.PathOf(work.Path, "conformance", "conformance");
        SimulatedLoad.Write(expected, database, schema, Dataset, new Random(7));
        return (database, schema);
    }

    private static void Execute(string database, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
