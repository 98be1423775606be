using System.Text;
using Dlt.Normalize;

namespace Dlt.Tests.Normalize;

public sealed class RowIdArenaTests
{
    [Fact]
    public void Ids_keep_their_bytes_while_the_arena_grows_and_are_gone_after_a_reset()
    {
        // Given an arena filled with far more ids than its first buffer holds
        var arena = new RowIdArena();
        var own = arena.Add("my_own_id_\u017C");
        var roots = Enumerable.Range(0, 1000).Select(_ => arena.NextRandom()).ToList();
        var children = new RowId[3];
        arena.AddChildIds(roots[^1], "events__items", 0, children);

        // Then
        Assert.Equal("my_own_id_\u017C", Encoding.UTF8.GetString(arena[own]));
        Assert.Equal(1000, roots.Select(id => Encoding.ASCII.GetString(arena[id])).Distinct().Count());
        var expected = new byte[3 * IdHash.IdLengthChars];
        IdHash.WriteChildRowIds(arena[roots[^1]], "events__items"u8, 0, expected);
        Assert.Equal(expected, children.SelectMany(id => arena[id].ToArray()));

        // When the next item starts, its ids reuse the buffer from the start
        arena.Reset();
        Assert.Equal(0, arena.NextRandom().Start);
    }

    [Fact]
    public void Ids_of_several_lists_made_together_equal_those_of_each_list_made_alone()
    {
        // Given a parent row with lists of 3, 0, 1 and 9 rows (13 ids: more than one batch)
        var arena = new RowIdArena();
        var parent = arena.NextRandom();
        string[] tables = ["events__tags", "events__empty", "events__items", "events__\u00fcmlaut_list"];
        int[] counts = [3, 0, 1, 9];

        // When
        var together = new RowId[counts.Sum()];
        arena.AddChildIds(parent, tables, counts, together);

        // Then
        var alone = new List<string>();
        for (var list = 0; list < tables.Length; list++)
        {
            var ids = new byte[counts[list] * IdHash.IdLengthChars];
            IdHash.WriteChildRowIds(arena[parent], Encoding.UTF8.GetBytes(tables[list]), 0, ids);
            alone.AddRange(ids.Chunk(IdHash.IdLengthChars).Select(id => Encoding.ASCII.GetString(id)));
        }

        Assert.Equal(alone, together.Select(id => Encoding.ASCII.GetString(arena[id])));
    }
}
