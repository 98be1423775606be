namespace Dlt.Bench.Data;

/// <summary>A child row of the merge workload (table <c>merge_rows__items</c>).</summary>
internal sealed record MergeItem(string Sku, long Qty);

/// <summary>A root row of the merge workload: the flat columns plus a list of two items (a child table).</summary>
internal sealed record MergeRow(long Id, double Val, string Name, DateTime Ts, bool Flag, List<MergeItem> Items);

/// <summary>
/// The merge workload's rows from a seeded generator, in pages of 1,000: ids
/// <c>first .. first + count - 1</c>, two child items each. The existing rows and the load use
/// different seeds, so an updated key carries new values.
/// </summary>
internal static class MergeRows
{
    public const string Table = "merge_rows";
    public const string ChildTable = "merge_rows__items";
    public const int ItemsPerRow = 2;
    public const int PageSize = 1_000;

    private static readonly DateTime s_start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static IEnumerable<List<MergeRow>> Pages(long first, long count, int seed)
    {
        var random = new Random(seed);
        for (var start = first; start < first + count; start += PageSize)
        {
            var size = (int)Math.Min(PageSize, first + count - start);
            var page = new List<MergeRow>(size);
            for (var i = 0; i < size; i++)
            {
                var id = start + i;
                page.Add(new MergeRow(
                    id,
                    random.NextDouble() * 1_000,
                    $"name-{random.Next():x8}-{id}",
                    s_start.AddSeconds(id).AddTicks(random.Next(1_000_000) * 10L),
                    random.Next(2) == 0,
                    [new MergeItem($"sku-{random.Next(10_000)}", random.Next(100)), new MergeItem($"sku-{random.Next(10_000)}", random.Next(100))]));
            }

            yield return page;
        }
    }
}
