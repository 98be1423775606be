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
}
