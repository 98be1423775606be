using Dlt.DuckDb;

namespace Dlt.Tests.Configuration;

public sealed class DuckDbOptionsTests
{
    [Theory]
    [InlineData(1, "96MB")]
    [InlineData(2, "96MB")]
    [InlineData(4, "192MB")]
    [InlineData(16, "768MB")]
    public void The_default_memory_limit_follows_the_threads_with_a_floor(int threads, string expected) =>
        Assert.Equal(expected, new DuckDbOptions { Threads = threads }.MemoryLimit);

    [Fact]
    public void An_explicit_memory_limit_wins_over_the_thread_rule() =>
        Assert.Equal("2GB", new DuckDbOptions { Threads = 16, MemoryLimit = "2GB" }.MemoryLimit);

    [Fact]
    public void A_copy_with_other_threads_recomputes_an_unset_limit_and_keeps_a_set_one()
    {
        var derived = new DuckDbOptions { Threads = 2 } with { Threads = 8 };
        var explicitLimit = new DuckDbOptions { Threads = 2, MemoryLimit = "1GB" } with { Threads = 8 };

        Assert.Equal(("384MB", "1GB"), (derived.MemoryLimit, explicitLimit.MemoryLimit));
    }

    [Fact]
    public void Insertion_order_is_preserved_by_default_as_in_DuckDB() =>
        Assert.True(new DuckDbOptions().PreserveInsertionOrder);
}
