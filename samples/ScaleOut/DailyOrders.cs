using Dlt;

/// <summary>
/// A generated source split by day: partition "2026-11-07" yields that day's orders with their
/// lines. Every process (coordinator and workers) builds it the same way.
/// </summary>
internal static class DailyOrders
{
    public const int OrdersPerDay = 5_000;

    public static PartitionedSource Create(DateOnly firstDay, int days) =>
        PartitionedSource.Create(
            "shop",
            Enumerable.Range(0, days).Select(d => firstDay.AddDays(d).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            day => Source.Create("shop", Resource.Create("orders", Orders(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)))));

    private static IEnumerable<object> Orders(DateOnly day)
    {
        var random = new Random(day.DayNumber);
        for (var i = 0; i < OrdersPerDay; i++)
        {
            yield return new
            {
                id = ((long)day.DayNumber * 100_000) + i,
                day,
                customer = $"c{random.Next(1_000):D4}",
                total = Math.Round((decimal)random.NextDouble() * 500, 2),
                lines = Enumerable.Range(0, 1 + random.Next(3)).Select(l => new { sku = $"sku-{random.Next(200)}", quantity = 1 + random.Next(4) }).ToArray(),
            };
        }
    }
}
