namespace Dlt.Bench.Data;

/// <summary>A row of the flat workload: bigint, double, varchar(20), timestamp, bool.</summary>
internal sealed record FlatRow(long Id, double Val, string Name, DateTime Ts, bool Flag);

/// <summary>
/// The flat workload's rows from a seeded generator, in pages of 1,000 (a page travels through
/// the pipeline as one unit). The pipeline and the raw appender baseline use this same generator.
/// </summary>
internal static class FlatRows
{
    public const string Table = "flat";
    public const int PageSize = 1_000;

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static readonly DateTime s_start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The table as the pipeline creates it in DuckDB, with dlt's two system columns.</summary>
    public const string ColumnsDdl =
        "id BIGINT, val DOUBLE, name VARCHAR, ts TIMESTAMP WITH TIME ZONE, flag BOOLEAN, _dlt_load_id VARCHAR NOT NULL, _dlt_id VARCHAR NOT NULL";

    public static IEnumerable<List<FlatRow>> Pages(long rows)
    {
        var random = new Random(20240101);
        for (long first = 0; first < rows; first += PageSize)
        {
            var count = (int)Math.Min(PageSize, rows - first);
            var page = new List<FlatRow>(count);
            for (var i = 0; i < count; i++)
            {
                page.Add(Next(random, first + i));
            }

            yield return page;
        }
    }

    private static FlatRow Next(Random random, long id) => new(
        id,
        random.NextDouble() * 1_000,
        string.Create(20, random, static (chars, r) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[r.Next(Alphabet.Length)];
            }
        }),
        s_start.AddTicks((id * TimeSpan.TicksPerSecond) + (random.Next(1_000_000) * 10L)),
        random.Next(2) == 0);
}
