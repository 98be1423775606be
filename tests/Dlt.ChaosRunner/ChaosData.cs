namespace Dlt.ChaosRunner;

/// <summary>
/// The fixed dataset of a chaos run: three resources (customers, orders, events) with nested
/// objects and lists, so the load has root and child tables, generated from a seed. The same seed
/// and size always give the same items, so every run of a trial extracts the same rows.
/// </summary>
public sealed class ChaosData(int seed, int customers)
{
    /// <summary>The default size: about 24,000 rows over 7 data tables, a second or two per run.</summary>
    public const int DefaultCustomers = 1500;

    public const int DefaultSeed = 20240601;

    private const int PageSize = 500;

    public int Seed => seed;

    public int Customers => customers;

    /// <summary>The resources of one run; each enumeration regenerates the same items.</summary>
    public IReadOnlyList<Resource> Resources() =>
    [
        Resource.Create("customers", Pages(CustomerRows())),
        Resource.Create("orders", Pages(OrderRows())),
        Resource.Create("events", Pages(EventRows())),
    ];

    /// <summary>The rows each data table must hold after one clean run, computed from the generator.</summary>
    public IReadOnlyDictionary<string, long> ExpectedRows()
    {
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        void Add(string table, long n) => rows[table] = rows.GetValueOrDefault(table) + n;
        foreach (var c in CustomerRows())
        {
            Add("customers", 1);
            Add("customers__tags", c.Tags.Count);
        }

        foreach (var o in OrderRows())
        {
            Add("orders", 1);
            Add("orders__lines", o.Lines.Count);
            Add("orders__lines__discounts", o.Lines.Sum(l => l.Discounts.Count));
        }

        foreach (var e in EventRows())
        {
            Add("events", 1);
            Add("events__payload__values", e.Payload.Values.Count);
        }

        return rows;
    }

    private static IEnumerable<List<T>> Pages<T>(IEnumerable<T> items) => items.Chunk(PageSize).Select(page => page.ToList());

    private IEnumerable<Customer> CustomerRows()
    {
        var random = new Random(seed);
        for (var id = 1; id <= customers; id++)
        {
            var tags = Enumerable.Range(0, random.Next(0, 4)).Select(i => $"tag{random.Next(20)}").ToList();
            yield return new Customer(id, $"customer {id}", $"c{id}@example.com", new Address($"city{random.Next(50)}", $"{random.Next(10000, 99999)}"), tags, random.Next(2) == 0);
        }
    }

    private IEnumerable<Order> OrderRows()
    {
        var random = new Random(seed + 1);
        var orders = customers * 3 / 2;
        for (var id = 1; id <= orders; id++)
        {
            var lines = Enumerable.Range(0, random.Next(1, 5)).Select(i => new OrderLine(
                $"sku{random.Next(1000)}",
                random.Next(1, 10),
                Math.Round((decimal)random.NextDouble() * 100, 2),
                [.. Enumerable.Range(0, random.Next(0, 3)).Select(d => new Discount($"code{random.Next(30)}", random.Next(1, 50)))])).ToList();
            yield return new Order(id, random.Next(1, customers + 1), new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(id * 7), lines);
        }
    }

    private IEnumerable<Event> EventRows()
    {
        var random = new Random(seed + 2);
        var events = customers * 2;
        for (var id = 1; id <= events; id++)
        {
            var values = Enumerable.Range(0, random.Next(0, 3)).Select(v => random.NextDouble()).ToList();
            yield return new Event(id, random.Next(3) switch { 0 => "click", 1 => "view", _ => "buy" }, new Payload($"source{random.Next(5)}", random.Next(1000), values));
        }
    }

    private sealed record Customer(long Id, string Name, string Email, Address Address, List<string> Tags, bool Active);

    private sealed record Address(string City, string Zip);

    private sealed record Order(long Id, long CustomerId, DateTime OrderedAt, List<OrderLine> Lines);

    private sealed record OrderLine(string Sku, int Quantity, decimal Price, List<Discount> Discounts);

    private sealed record Discount(string Code, int Percent);

    private sealed record Event(long Id, string Kind, Payload Payload);

    private sealed record Payload(string Source, int Score, List<double> Values);
}
