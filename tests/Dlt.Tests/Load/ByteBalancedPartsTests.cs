using Dlt.Load;

namespace Dlt.Tests.Load;

/// <summary>A table's files are cut into consecutive parts of about equal bytes, so that the jobs loading them at once end together.</summary>
public sealed class ByteBalancedPartsTests
{
    private static long[] Sums(long[] bytes, int[] ends)
    {
        var start = 0;
        return [.. ends.Select(end =>
        {
            var sum = bytes[start..end].Sum();
            start = end;
            return sum;
        })];
    }

    [Fact]
    public void Small_files_first_and_big_ones_last_split_by_bytes_not_by_count()
    {
        // Given the sizes (in 100 KB) of a flat run's files: the first segments small, the later ones big
        long[] bytes = [16, 16, 16, 35, 43, 35, 55, 63, 43, 82, 74, 70, 55, 55, 52];

        // When they are cut into two parts
        var ends = ByteBalancedParts.Ends(bytes, 2);

        // Then each part holds about half of the bytes (equal counts would give 219 against 494)
        Assert.Equal([9, 15], ends);
        Assert.Equal([322, 388], Sums(bytes, ends));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Every_part_is_consecutive_non_empty_and_no_further_from_its_share_than_one_file(int count)
    {
        var random = new Random(count);
        for (var round = 0; round < 200; round++)
        {
            var bytes = Enumerable.Range(0, random.Next(count, 40)).Select(_ => (long)random.Next(1, 1000)).ToArray();

            var ends = ByteBalancedParts.Ends(bytes, count);

            Assert.Equal(count, ends.Length);
            Assert.Equal(bytes.Length, ends[^1]);
            Assert.True(ends[0] > 0 && ends.Zip(ends.Skip(1)).All(pair => pair.Second > pair.First), $"parts must be non-empty: {string.Join(",", ends)}");
            var share = (double)bytes.Sum() / count;
            var allowed = 2 * bytes.Max();
            Assert.All(Sums(bytes, ends), sum => Assert.True(Math.Abs(sum - share) <= allowed, $"a part of {sum} bytes against a share of {share:F0}"));
        }
    }

    [Fact]
    public void As_many_parts_as_files_gives_one_file_each()
    {
        Assert.Equal([1, 2, 3], ByteBalancedParts.Ends([5, 500, 5], 3));
    }
}
