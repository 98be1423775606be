namespace Dlt.Tests.Extract;

public sealed class PartitionedSourceTests
{
    private static Source Events(string key) => Source.Create("events", Resource.Create("events", new[] { new { key } }));

    [Fact]
    public async Task Keys_come_from_the_list_or_from_the_function()
    {
        var listed = PartitionedSource.Create("events", ["a", "b"], Events);
        var produced = PartitionedSource.Create("events", _ => Task.FromResult<IReadOnlyList<string>>(["x", "y", "z"]), Events);

        Assert.Equal(["a", "b"], await listed.KeysAsync());
        Assert.Equal(["x", "y", "z"], await produced.KeysAsync());
    }

    [Fact]
    public async Task Duplicate_or_empty_keys_are_refused_naming_the_key()
    {
        var duplicate = await Assert.ThrowsAsync<InvalidOperationException>(() => PartitionedSource.Create("events", ["a", "b", "a"], Events).KeysAsync());
        var empty = await Assert.ThrowsAsync<InvalidOperationException>(() => PartitionedSource.Create("events", ["a", ""], Events).KeysAsync());

        Assert.Contains("'a' 2 times", duplicate.Message, StringComparison.Ordinal);
        Assert.Contains("empty partition key", empty.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_partition_source_of_another_name_is_refused()
    {
        var source = PartitionedSource.Create("events", ["a"], key => Source.Create("other", Resource.Create("events", new[] { new { key } })));

        var error = Assert.Throws<InvalidOperationException>(() => source.ForPartition("a"));

        Assert.Contains("'other'", error.Message, StringComparison.Ordinal);
        Assert.Equal("events", PartitionedSource.Create("events", ["a"], Events).ForPartition("a").Name);
    }
}
