using System.Text;
using Dlt.Normalize;

namespace Dlt.Tests.Normalize;

public sealed class Utf8KeyTableTests
{
    [Fact]
    public void Keys_are_found_by_their_bytes_through_growth_and_shared_hashes()
    {
        // Given keys of many lengths, some differing only in the middle (same length, head and tail)
        var keys = Enumerable.Range(0, 500).Select(i => $"key_{i}")
            .Concat(Enumerable.Range(0, 50).Select(i => $"abcdefgh{i:D3}ijklmnop"))
            .Concat(["", "a", "日本語", "Customer ID"])
            .ToList();
        var table = new Utf8KeyTable<string>();

        // When each is added with its own value
        foreach (var key in keys)
        {
            Assert.False(table.TryGetValue(Encoding.UTF8.GetBytes(key), out _));
            table.Add(Encoding.UTF8.GetBytes(key), key);
        }

        // Then each is found, from bytes that lie inside a larger buffer, and unknown keys are not
        foreach (var key in keys)
        {
            var buffer = Encoding.UTF8.GetBytes("\"" + key + "\":");
            Assert.True(table.TryGetValue(buffer.AsSpan(1, buffer.Length - 3), out var value));
            Assert.Equal(key, value);
        }

        Assert.False(table.TryGetValue("abcdefgh999ijklmnop"u8, out _));
        Assert.False(table.TryGetValue("key_"u8, out _));
        Assert.False(table.TryGetValue("Customer Id"u8, out _));
    }
}
