using System.Globalization;

namespace Quickstart;

/// <summary>
/// A seeded shop: every run yields the same products, customers and orders (fixed seeds, fixed
/// base date, no clock). The data is nested on purpose and carries what a real API would: odd key
/// names, unicode text, ISO timestamp strings, and .NET values that JSON alone would lose.
/// </summary>
internal static class ShopData
{
    /// <summary>Products in the catalog.</summary>
    public const int ProductCount = 250;

    /// <summary>Customers; those after <see cref="LastNumericZip"/> have a text zip.</summary>
    public const int CustomerCount = 20_000;

    /// <summary>Orders, yielded in pages of <see cref="PageSize"/>.</summary>
    public const int OrderCount = 50_000;

    /// <summary>Orders per yielded page.</summary>
    public const int PageSize = 1_000;

    // The zip is a number up to this customer and text ("AB-123") after it: a type change
    // mid-stream, which gives the zip column a variant column.
    private const int LastNumericZip = 10_000;

    private static readonly DateTimeOffset BaseDate = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] FirstNames =
        ["Zoë", "José", "Łukasz", "Søren", "Ana", "Chloé", "Björn", "Aiko", "Mehmet", "Priya",
         "Олег", "Αλέξανδρος", "芳", "Nadia", "Liam", "Émile", "Saoirse", "Tomás", "Yuki", "Fatima"];

    private static readonly string[] LastNames =
        ["Müller", "Núñez", "Żółkiewski", "Ærø", "Silva", "Dubois", "Öberg", "Tanaka", "Yılmaz", "Sharma",
         "Иванов", "Παπαδόπουλος", "王", "Haddad", "O'Brien", "Lefèvre", "Ní Bhriain", "García", "Sato", "Benali"];

    private static readonly (string City, string Country)[] Cities =
        [("Berlin", "DE"), ("München", "DE"), ("Kraków", "PL"), ("København", "DK"), ("São Paulo", "BR"),
         ("Montréal", "CA"), ("Malmö", "SE"), ("東京", "JP"), ("İstanbul", "TR"), ("Zürich", "CH"),
         ("Reykjavík", "IS"), ("Αθήνα", "GR")];

    private static readonly string[] Streets =
        ["Hauptstraße", "Rue de la Paix", "ulica Floriańska", "Nørrebrogade", "Avenida Paulista", "Calle Mayor",
         "Drottninggatan", "Bahnhofstrasse"];

    private static readonly string[] CustomerTags =
        ["newsletter", "wholesale", "returning", "früh-bucher", "vip", "b2b", "app-user", "gift-buyer"];

    private static readonly string[] DeliveryNotes =
        ["Bitte beim Nachbarn abgeben.", "Livraison après 18h, s'il vous plaît.", "Leave at the door 🚪",
         "配達前に電話してください", "Ring twice 🔔🔔", "Ne pas plier ✉️"];

    private static readonly string[] ContactKinds = ["phone", "email", "whatsapp"];

    private static readonly string[] VipLevels = ["gold", "silver"];

    private static readonly string[] Categories = ["kitchen", "garden", "toys", "books", "apparel", "electronics"];

    private static readonly string[] Adjectives =
        ["Crème", "Blåbær", "Smörgås", "Façade", "Jalapeño", "Matcha", "Fjord", "Piñata", "Über", "Naïve"];

    private static readonly string[] Nouns =
        ["Mug", "Lamp", "Scarf", "Notebook", "Kettle", "Backpack", "Puzzle", "Speaker", "Planter", "Blanket"];

    private static readonly string[] Colors = ["black", "white", "teal", "coral", "mustard", "navy", "sage"];

    private static readonly string[] LineOptions =
        ["gift-wrap", "engraving", "express", "eco-packaging", "extended-warranty"];

    private static readonly string[] Statuses = ["placed", "paid", "shipped", "delivered", "returned"];

    private static readonly string[] Currencies = ["EUR", "EUR", "EUR", "USD", "GBP", "CHF"];

    private static readonly string[] Carriers = ["DHL", "UPS", "La Poste", "PostNord", "Yamato"];

    private static readonly string[] ShippingMethods = ["standard", "express", "pickup"];

    private static readonly string[] Coupons = ["WELCOME10", "SOMMER-2024", "NOËL24", "FREESHIP"];

    private static readonly string[] GiftMessages =
        ["Alles Gute zum Geburtstag! 🎂", "Joyeux Noël 🎄", "お誕生日おめでとう", "¡Feliz cumpleaños!", "Grattis på födelsedagen"];

    /// <summary>The product catalog.</summary>
    public static IEnumerable<Product> Products()
    {
        var random = new Random(7);
        var firstLaunch = DateOnly.FromDateTime(BaseDate.UtcDateTime);
        for (var i = 1; i <= ProductCount; i++)
        {
            yield return new Product(
                Sku: string.Create(CultureInfo.InvariantCulture, $"SKU-{i:D5}"),
                Name: $"{Pick(random, Adjectives)} {Pick(random, Nouns)}",
                Category: Pick(random, Categories),
                Price: Money(random, 2m, 250m),
                Colors: PickSome(random, Colors, random.Next(0, 4)),
                LaunchedOn: firstLaunch.AddDays(-random.Next(0, 1_500)));
        }
    }

    /// <summary>
    /// Customers as dictionaries, one at a time: keys as a hand-written API would spell them
    /// (<c>Customer ID</c>, <c>firstName</c>, <c>e-mail</c>), a nested address, lists of contacts,
    /// tags and delivery windows (a list of lists).
    /// </summary>
    public static IEnumerable<Dictionary<string, object?>> Customers()
    {
        var random = new Random(42);
        for (var id = 1; id <= CustomerCount; id++)
        {
            var (city, country) = Pick(random, Cities);
            var signedUp = BaseDate.AddMinutes(-random.Next(0, 3 * 365 * 24 * 60));
            object zip = id <= LastNumericZip
                ? random.Next(10_000, 100_000)
                : string.Create(CultureInfo.InvariantCulture, $"{Letter(random)}{Letter(random)}-{random.Next(100, 1_000)}");

            yield return new Dictionary<string, object?>
            {
                ["Customer ID"] = id,
                ["firstName"] = Pick(random, FirstNames),
                ["lastName"] = Pick(random, LastNames),
                ["e-mail"] = string.Create(CultureInfo.InvariantCulture, $"customer{id}@example.com"),
                ["VIP Level"] = random.Next(10) == 0 ? Pick(random, VipLevels) : null,
                ["marketing-opt-in"] = random.Next(3) == 0,
                ["signed_up_at"] = IsoUtc(signedUp),
                ["lastSeenAt"] = signedUp.AddSeconds(random.Next(0, 400 * 24 * 3600)).ToOffset(TimeSpan.FromHours(random.Next(-5, 10))),
                ["birthday"] = random.Next(4) == 0 ? null : new DateOnly(1950 + random.Next(55), 1 + random.Next(12), 1 + random.Next(28)),
                ["balance"] = Money(random, 0m, 500m),
                ["address"] = new Dictionary<string, object?>
                {
                    ["street"] = string.Create(CultureInfo.InvariantCulture, $"{Pick(random, Streets)} {random.Next(1, 200)}"),
                    ["city"] = city,
                    ["zip"] = zip,
                    ["country"] = country,
                    ["geo"] = new Dictionary<string, object?>
                    {
                        ["lat"] = Math.Round((random.NextDouble() * 180) - 90, 5),
                        ["lon"] = Math.Round((random.NextDouble() * 360) - 180, 5),
                    },
                },
                ["tags"] = PickSome(random, CustomerTags, random.Next(0, 4)),
                ["contacts"] = Contacts(random, id, signedUp),
                ["delivery_windows"] = DeliveryWindows(random),
                ["notes"] = random.Next(5) == 0 ? Pick(random, DeliveryNotes) : null,
            };
        }
    }

    /// <summary>Orders as records, yielded in pages of <see cref="PageSize"/> (a page travels as one unit).</summary>
    public static IEnumerable<List<Order>> OrderPages()
    {
        var random = new Random(1234);
        var catalog = Products().ToArray();
        var page = new List<Order>(PageSize);
        for (var number = 1; number <= OrderCount; number++)
        {
            page.Add(NextOrder(random, catalog, number));
            if (page.Count == PageSize)
            {
                yield return page;
                page = new List<Order>(PageSize);
            }
        }

        if (page.Count > 0)
        {
            yield return page;
        }
    }

    private static Order NextOrder(Random random, Product[] catalog, int number)
    {
        // About ten minutes apart, in the buyer's offset.
        var placedAt = BaseDate
            .AddSeconds((number * 600L) + random.Next(600))
            .ToOffset(TimeSpan.FromHours(random.Next(-8, 10)));
        var status = Pick(random, Statuses);

        var lineCount = 1 + random.Next(5);
        var lines = new List<OrderLine>(lineCount);
        var subtotal = 0m;
        for (var lineNumber = 1; lineNumber <= lineCount; lineNumber++)
        {
            var product = Pick(random, catalog);
            var quantity = 1 + random.Next(4);
            decimal? discount = random.Next(4) == 0 ? Math.Round(product.Price * quantity * 0.1m, 2) : null;
            lines.Add(new OrderLine(
                lineNumber, product.Sku, product.Name, quantity, product.Price, discount,
                PickSome(random, LineOptions, random.Next(0, 3))));
            subtotal += (product.Price * quantity) - (discount ?? 0m);
        }

        var (city, country) = Pick(random, Cities);
        var carrier = Pick(random, Carriers);
        var method = Pick(random, ShippingMethods);
        var shippingCost = method == "pickup" ? 0m : Money(random, 3m, 25m);
        var shipped = status is "shipped" or "delivered" or "returned";
        DateTime? shippedAt = shipped ? placedAt.UtcDateTime.AddMinutes(120 + random.Next(4_000)) : null;
        DateOnly? deliveredOn = shippedAt is { } shippedTime && status != "shipped"
            ? DateOnly.FromDateTime(shippedTime.AddDays(1 + random.Next(6)))
            : null;
        var trackingNumber = shipped
            ? string.Create(CultureInfo.InvariantCulture, $"{carrier[..2].ToUpperInvariant()}{random.Next(100_000_000, 1_000_000_000)}")
            : null;

        var packageCount = 1 + (lineCount / 3);
        var packages = new List<IReadOnlyList<double>>(packageCount);
        for (var i = 0; i < packageCount; i++)
        {
            packages.Add([Dimension(random), Dimension(random), Dimension(random)]);
        }

        return new Order(
            Id: NewGuid(random),
            OrderNumber: 100_000 + number,
            CustomerId: 1 + random.Next(CustomerCount),
            PlacedAt: placedAt,
            ShippedAt: shippedAt,
            DeliveredOn: deliveredOn,
            Status: status,
            Currency: Pick(random, Currencies),
            Total: subtotal + shippingCost,
            Shipping: new Shipment(carrier, method, shippingCost, trackingNumber, city, country),
            Lines: lines,
            Coupons: random.Next(5) == 0 ? PickSome(random, Coupons, 1 + random.Next(2)) : [],
            PackageDimensions: packages,
            GiftMessage: random.Next(20) == 0 ? Pick(random, GiftMessages) : null);
    }

    private static List<Dictionary<string, object?>> Contacts(Random random, int id, DateTimeOffset signedUp)
    {
        var count = 1 + random.Next(3);
        var contacts = new List<Dictionary<string, object?>>(count);
        for (var i = 0; i < count; i++)
        {
            var kind = Pick(random, ContactKinds);
            contacts.Add(new Dictionary<string, object?>
            {
                ["kind"] = kind,
                ["value"] = kind == "email"
                    ? string.Create(CultureInfo.InvariantCulture, $"c{id}.{i}@example.org")
                    : string.Create(CultureInfo.InvariantCulture, $"+49 30 {random.Next(1_000_000, 10_000_000)}"),
                ["isPrimary"] = i == 0,
                ["verified_at"] = random.Next(3) == 0
                    ? null
                    : signedUp
                        .AddSeconds(random.Next(1, 30 * 24 * 3600))
                        .AddMilliseconds(random.Next(1_000))
                        .ToOffset(TimeSpan.FromHours(2))
                        .ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
            });
        }

        return contacts;
    }

    private static List<List<int>> DeliveryWindows(Random random)
    {
        var count = random.Next(0, 3);
        var windows = new List<List<int>>(count);
        var hour = 7 + random.Next(3);
        for (var i = 0; i < count; i++)
        {
            var end = hour + 2 + random.Next(3);
            windows.Add([hour, end]);
            hour = end + 1 + random.Next(2);
        }

        return windows;
    }

    private static string IsoUtc(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    private static List<string> PickSome(Random random, string[] values, int count)
    {
        var picked = new List<string>(count);
        while (picked.Count < count)
        {
            var value = Pick(random, values);
            if (!picked.Contains(value))
            {
                picked.Add(value);
            }
        }

        return picked;
    }

    private static decimal Money(Random random, decimal min, decimal max) =>
        Math.Round(min + ((decimal)random.NextDouble() * (max - min)), 2);

    private static double Dimension(Random random) => Math.Round(5 + (random.NextDouble() * 55), 1);

    private static char Letter(Random random) => (char)('A' + random.Next(26));

    private static Guid NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        // Version 4, RFC 4122 variant, like Guid.NewGuid() but from the seeded generator.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
