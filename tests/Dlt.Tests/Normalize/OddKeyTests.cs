using Dlt.Tests.Support;

namespace Dlt.Tests.Normalize;

/// <summary>
/// Keys with runs of underscores and keys that collide after normalization get dlt's tables
/// (dlt 1.26 <c>DataItemNormalizer._flatten</c> in <c>dlt/common/normalizers/json/relational.py</c>).
/// </summary>
public sealed class OddKeyTests
{
    // dlt: _flatten names a key with normalize_path (NamingConvention.normalize_path in naming.py),
    // which splits on "__", drops blank fragments, normalizes each and joins them with "__".
    [Fact]
    public async Task A_key_with_double_underscores_lands_in_the_column_of_the_flattened_path()
    {
        // Given
        var resource = Json.Resource("t", """{"Outer__Inner": 1}""", """{"outer": {"inner": 2}}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(["outer__inner", "_dlt_load_id", "_dlt_id"], run.ColumnNames("t"));
        Assert.Equal([1L, 2L], run.Rows("t").Select(r => r["outer__inner"]));
    }

    // dlt: normalize_path("p___q") breaks into "p" and "_q" (str.split is left to right), so the
    // column is "p" + "__" + "_q"; trailing separators leave no fragment behind ("k__" is "k").
    [Fact]
    public async Task Runs_of_underscores_are_split_as_path_separators_from_the_left()
    {
        // Given
        var resource = Json.Resource("t", """{"p___q": 1, "k__": 2, "___": 3, "m____n": 4}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then: "___" is "" and "_" whose snake_case is "x"; "m____n" is "m", "", "n".
        Assert.Equal(["p___q", "k", "x", "m__n", "_dlt_load_id", "_dlt_id"], run.ColumnNames("t"));
        var row = Assert.Single(run.Rows("t"));
        Assert.Equal(1L, row["p___q"]);
        Assert.Equal(2L, row["k"]);
        Assert.Equal(3L, row["x"]);
        Assert.Equal(4L, row["m__n"]);
    }

    // dlt: a key of only separators normalizes to an empty fragment, and shorten_fragments (make_path)
    // drops empty fragments, so the nested keys are named as if the object were one level up.
    [Fact]
    public async Task An_object_under_a_key_of_only_separators_flattens_into_its_parent_path()
    {
        // Given
        var resource = Json.Resource("t", """{"w": {"__": {"v": 1}}, "____": {"u": 2}, "r__": {"s": 3}}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        var row = Assert.Single(run.Rows("t"));
        Assert.Equal(1L, row["w__v"]);
        Assert.Equal(2L, row["u"]);
        Assert.Equal(3L, row["r__s"]);
        Assert.DoesNotContain(run.ColumnNames("t"), c => c.Contains("xx", StringComparison.Ordinal));
    }

    // dlt: a list key is named with normalize_tables_path, so "Tags__Extra" names the same child
    // table as the list at {"tags": {"extra": [...]}}.
    [Fact]
    public async Task A_list_under_a_key_with_double_underscores_goes_to_the_nested_child_table()
    {
        // Given
        var resource = Json.Resource("t", """{"Tags__Extra": ["a"]}""", """{"tags": {"extra": ["b"]}}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(["t", "t__tags__extra"], run.DataTableNames);
        Assert.Equal(["a", "b"], run.Rows("t__tags__extra").Select(r => r["value"]));
    }

    // dlt: _flatten assigns out_rec_row[nested_name] = v for every key, so of keys that normalize to
    // one name the last one's value stays, a None included (the column is then empty in that row).
    [Fact]
    public async Task Of_keys_that_name_one_column_the_last_value_wins_even_when_null()
    {
        // Given
        var resource = Json.Resource(
            "t",
            """{"id": 1, "count": 5}""",
            """{"id": 2, "Count": 7, "COUNT": null}""",
            """{"id": 3, "COUNT": null, "count": 8}""",
            """{"id": 4, "Count": 1, "count": 2}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal(["id", "count", "_dlt_load_id", "_dlt_id"], run.ColumnNames("t"));
        Assert.Equal([5L, null, 8L, 2L], run.Rows("t").OrderBy(r => (long)r["id"]!).Select(r => r["count"]));
    }

    // dlt: the literal key "g__h" and the nested {"g": {"h": ...}} name one column; the nested level is
    // walked after the top level, so its value (here a None) is the last one.
    [Fact]
    public async Task A_null_in_a_nested_object_overrides_a_literal_path_key_walked_before_it()
    {
        // Given
        var resource = Json.Resource("t", """{"id": 1, "g__h": 1}""", """{"id": 2, "g__h": 2, "g": {"h": null}}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        Assert.Equal([1L, null], run.Rows("t").OrderBy(r => (long)r["id"]!).Select(r => r["g__h"]));
    }

    // dlt: out_rec_list is a dict keyed by the normalized path, so of lists whose keys collide only the
    // last one is normalized into the child table.
    [Fact]
    public async Task Of_lists_whose_keys_collide_only_the_last_one_becomes_child_rows()
    {
        // Given
        var resource = Json.Resource(
            "t",
            """{"id": 1, "Tags": ["a", "b"], "tags": ["c"]}""",
            """{"id": 2, "tags": ["d"], "TAGS": []}""");

        // When
        using var run = await NormalizeRun.OfAsync(resource);

        // Then
        var children = run.Rows("t__tags");
        var child = Assert.Single(children);
        Assert.Equal("c", child["value"]);
        Assert.Equal(0L, child["_dlt_list_idx"]);
        var first = run.Rows("t").Single(r => (long)r["id"]! == 1);
        Assert.Equal(first["_dlt_id"], child["_dlt_parent_id"]);
    }

    // Beyond dlt: ids given in the data are checked, so two rows of a table never share a _dlt_id.
    [Fact]
    public async Task Two_rows_with_the_same_given_dlt_id_fail_normalize_naming_the_table_and_id()
    {
        // Given
        using var run = new NormalizeRun();
        var resource = Json.Resource("t", """{"_dlt_id": "same-id", "v": 1}""", """{"_dlt_id": "other", "v": 2}""", """{"_dlt_id": "same-id", "v": 3}""");

        // When
        var failure = await Assert.ThrowsAsync<PipelineStepFailedException>(() => run.ExtractAndNormalizeAsync(resource));

        // Then
        Assert.Equal("normalize", failure.Step);
        Assert.Contains("Two rows of table 't' carry the same _dlt_id 'same-id'.", failure.ToString(), StringComparison.Ordinal);
    }
}
