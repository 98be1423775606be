using Dlt.Normalize;

namespace Dlt.Tests.Normalize;

// Expected ids computed with Python: base64(hashlib.shake_128(text.encode()).digest(10)).rstrip("=").
public sealed class IdHashTests
{
    [Theory]
    [InlineData("x", "t", 0, "uaOx1uhxQy9j1A")]
    [InlineData("uaOx1uhxQy9j1A", "users__tags", 1, "ZvHSW+01fY7eYA")]
    [InlineData("Za\u017C\u00F3\u0142\u0107", "tbl", -5, "oqgdMB7dWscmXg")]
    [InlineData("p", "t", int.MaxValue, "wccW7GeTY2734w")]
    public void Hashes_parent_id_table_and_index_as_dlt_digest128(string parentRowId, string childTable, int listIndex, string expected)
    {
        Assert.Equal(expected, IdHash.ChildRowId(parentRowId, childTable, listIndex));
    }

    [Fact]
    public void Hashes_long_parent_ids_beyond_the_stack_buffer()
    {
        Assert.Equal("e8ULohNZfFYbgA", IdHash.ChildRowId(new string('p', 400), "t", 7));
    }

    [Theory]
    [InlineData("uaOx1uhxQy9j1A", "users__tags", 0, 1)]
    [InlineData("uaOx1uhxQy9j1A", "users__tags", 0, 3)]
    [InlineData("uaOx1uhxQy9j1A", "users__tags", 7, 4)]
    [InlineData("Za\u017C\u00F3\u0142\u0107", "tbl", 998, 11)]
    [InlineData("p", "t", int.MaxValue - 2, 3)]
    public void Batches_of_child_ids_equal_the_ids_made_one_by_one(string parentRowId, string childTable, int firstIndex, int count)
    {
        // Given / When
        var ids = new string[count];
        IdHash.ChildRowIds(parentRowId, childTable, firstIndex, ids);

        // Then
        Assert.Equal(Enumerable.Range(0, count).Select(i => IdHash.ChildRowId(parentRowId, childTable, firstIndex + i)), ids);
    }

    [Fact]
    public void Batches_of_child_ids_with_a_prefix_longer_than_one_block_are_hashed_one_by_one()
    {
        // Given a parent id and table name of 160 bytes together
        var parent = new string('p', 100);
        var table = new string('t', 60);

        // When
        var ids = new string[5];
        IdHash.ChildRowIds(parent, table, 0, ids);

        // Then
        Assert.Equal(Enumerable.Range(0, 5).Select(i => IdHash.ChildRowId(parent, table, i)), ids);
        Assert.Equal("e8ULohNZfFYbgA", IdHash.ChildRowId(new string('p', 400), "t", 7));
    }

    [Fact]
    public void Makes_child_ids_of_fourteen_characters()
    {
        Assert.Equal(IdHash.IdLengthChars, IdHash.ChildRowId("parent", "table", 3).Length);
    }

    [Fact]
    public void Fills_random_ids_of_fourteen_base64_characters()
    {
        string[] ids = new string[1000];

        IdHash.FillRandomRowIds(ids);

        Assert.All(ids, id =>
        {
            Assert.Equal(14, id.Length);
            Assert.Equal(10, Convert.FromBase64String(id + "==").Length);
        });
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void Fills_an_empty_span_without_error()
    {
        Assert.Null(Record.Exception(() => IdHash.FillRandomRowIds([])));
    }
}
