namespace Dlt.Load;

/// <summary>
/// Cuts a run of files into consecutive parts of about equal bytes: the jobs loading them at once
/// then finish together, where parts of equal file counts left one job loading alone at the end
/// (files cut by free normalize workers range from tens to hundreds of thousands of rows).
/// </summary>
internal static class ByteBalancedParts
{
    /// <summary>
    /// The end (exclusive) of each of <paramref name="count"/> non-empty consecutive parts of
    /// <paramref name="bytes"/>; <paramref name="count"/> is at most the number of files.
    /// </summary>
    public static int[] Ends(IReadOnlyList<long> bytes, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, bytes.Count);
        var total = 0L;
        foreach (var size in bytes)
        {
            total += size;
        }

        var ends = new int[count];
        var next = 0;
        var sum = 0L;
        for (var part = 0; part < count - 1; part++)
        {
            var target = (double)total * (part + 1) / count;
            var lastStart = bytes.Count - (count - part - 1);
            // Every part takes one file, then the next while that brings its end closer to the target.
            sum += bytes[next++];
            while (next < lastStart && Math.Abs(sum + bytes[next] - target) <= Math.Abs(sum - target))
            {
                sum += bytes[next++];
            }

            ends[part] = next;
        }

        ends[count - 1] = bytes.Count;
        return ends;
    }
}
