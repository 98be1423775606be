using System.Text;
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
        Assert.Equal([expected], ChildRowIds(parentRowId, childTable, listIndex, 1));
    }

    [Fact]
    public void Hashes_a_message_longer_than_one_block_as_dlt_does()
    {
        Assert.Equal(["e8ULohNZfFYbgA"], ChildRowIds(new string('p', 400), "t", 7, 1));
    }

    [Theory]
    [InlineData("uaOx1uhxQy9j1A", "users__tags", 0, 3)]
    [InlineData("uaOx1uhxQy9j1A", "users__tags", 7, 4)]
    [InlineData("Za\u017C\u00F3\u0142\u0107", "tbl", 998, 11)]
    [InlineData("p", "t", int.MaxValue - 2, 3)]
    public void Ids_hashed_in_batches_equal_the_ids_hashed_one_by_one(string parentRowId, string childTable, int firstIndex, int count)
    {
        // Given / When
        var batch = ChildRowIds(parentRowId, childTable, firstIndex, count);

        // Then
        Assert.Equal(Enumerable.Range(0, count).Select(i => ChildRowIds(parentRowId, childTable, firstIndex + i, 1)[0]), batch);
    }

    [Fact]
    public void Ids_of_a_parent_and_table_longer_than_one_block_are_hashed_one_by_one_alike()
    {
        // Given a parent id and a table name of 160 bytes together
        var parent = new string('p', 100);
        var table = new string('t', 60);

        // When
        var batch = ChildRowIds(parent, table, 0, 5);

        // Then
        Assert.Equal(Enumerable.Range(0, 5).Select(i => ChildRowIds(parent, table, i, 1)[0]), batch);
        Assert.All(batch, id => Assert.Equal(IdHash.IdLengthChars, id.Length));
    }

    [Fact]
    public void Writes_random_ids_of_fourteen_base64_characters()
    {
        // Given / When
        var bytes = new byte[1000 * IdHash.IdLengthChars];
        IdHash.WriteRandomRowIds(bytes);

        // Then
        var ids = bytes.Chunk(IdHash.IdLengthChars).Select(id => Encoding.ASCII.GetString(id)).ToList();
        Assert.All(ids, id => Assert.Equal(10, Convert.FromBase64String(id + "==").Length));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    private static string[] ChildRowIds(string parentRowId, string childTable, int firstIndex, int count)
    {
        var ids = new byte[count * IdHash.IdLengthChars];
        IdHash.WriteChildRowIds(Encoding.UTF8.GetBytes(parentRowId), Encoding.UTF8.GetBytes(childTable), firstIndex, ids);
        return [.. ids.Chunk(IdHash.IdLengthChars).Select(id => Encoding.ASCII.GetString(id))];
    }
}
