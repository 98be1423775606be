using System.Text.Json.Nodes;
using Dlt.ConformanceTests.Corpus;

namespace Dlt.ConformanceTests.Canonical;

public sealed class TableCanonicalizerTests
{
    public static TheoryData<string> ExpectedFiles() => CorpusTheoryData.ExpectedFileNames();

    [Theory]
    [MemberData(nameof(ExpectedFiles))]
    public void Reproduces_expected_tables_from_relabelled_and_shuffled_rows(string fileName)
    {
        if (CorpusTheoryData.DirectoryOrSkip() is not { } corpus)
        {
            return;
        }

        var expected = ExpectedRun.Load(Path.Combine(corpus, "expected", fileName));
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var scrambled = LabelScrambler.Scramble(expected.Tables, expected.CanonicalTables, new Random(seed));

            var actual = TableCanonicalizer.Canonicalize(scrambled, expected.PrimaryKey);

            Assert.Equal(expected.CanonicalTables.Select(p => p.Key), actual.Select(p => p.Key));
            foreach (var (table, rows) in expected.CanonicalTables)
            {
                var expectedRows = rows!.AsArray();
                var actualRows = actual[table]!.AsArray();
                Assert.Equal(expectedRows.Count, actualRows.Count);
                for (var i = 0; i < expectedRows.Count; i++)
                {
                    Assert.True(
                        expectedRows[i]!.ToJsonString() == actualRows[i]!.ToJsonString(),
                        $"{fileName} (seed {seed}), table {table}, row {i}:\nexpected {expectedRows[i]!.ToJsonString()}\nactual   {actualRows[i]!.ToJsonString()}");
                }
            }
        }
    }

    [Fact]
    public void Sorts_nested_rows_by_parent_position_then_list_index()
    {
        string[] rootColumns = ["name", "_dlt_load_id", "_dlt_id"];
        string[] childColumns = ["value", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"];
        var root = new RawTable("t", null, rootColumns, [Row("b", "200.1", "r1"), Row("a", "100.1", "r2")]);
        var child = new RawTable("t__items", "t", childColumns, [
            Row("z", "r2", 1L, "c1"),
            Row("y", "r1", 0L, "c2"),
            Row("x", "r2", 0L, "c3"),
        ]);

        var tables = TableCanonicalizer.Canonicalize([child, root]);

        Assert.Equal(
            """{"t":[{"name":"a","_dlt_load_id":"load_0","_dlt_id":"t#0"},{"name":"b","_dlt_load_id":"load_1","_dlt_id":"t#1"}],"t__items":["""
            + """{"value":"x","_dlt_parent_id":"t#0","_dlt_list_idx":0,"_dlt_id":"t__items#0"},"""
            + """{"value":"z","_dlt_parent_id":"t#0","_dlt_list_idx":1,"_dlt_id":"t__items#1"},"""
            + """{"value":"y","_dlt_parent_id":"t#1","_dlt_list_idx":0,"_dlt_id":"t__items#2"}]}""",
            tables.ToJsonString());
    }

    [Fact]
    public void Sorts_root_rows_by_data_key_then_load_and_marks_dangling_parents()
    {
        string[] rootColumns = ["n", "_dlt_load_id", "_dlt_id"];
        string[] childColumns = ["v", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"];
        var root = new RawTable("r", null, rootColumns, [Row(2.5, "2", "a"), Row(1e16, "1", "b"), Row(2.5, "1", "c")]);
        var child = new RawTable("r__c", "r", childColumns, [Row("v", "nowhere", 0L, "d")]);

        var tables = TableCanonicalizer.Canonicalize([root, child]);

        // Data keys: {"n": 1e+16} sorts before {"n": 2.5}; the two 2.5 rows are ordered by load.
        var rows = tables["r"]!.AsArray().Select(r => $"{PythonJson.Dumps(r!["n"])} {r["_dlt_load_id"]} {r["_dlt_id"]}");
        Assert.Equal(["1e+16 load_0 r#0", "2.5 load_0 r#1", "2.5 load_1 r#2"], rows);
        Assert.Equal("<dangling>", (string?)tables["r__c"]![0]!["_dlt_parent_id"]);
    }

    private static JsonNode?[] Row(params object[] values) => values.Select(v => v switch
    {
        string s => JsonValue.Create(s),
        long l => JsonValue.Create(l),
        double d => (JsonNode)JsonValue.Create(d),
        _ => throw new ArgumentException("unsupported test value", nameof(values)),
    }).ToArray();
}
