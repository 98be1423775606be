namespace Quickstart;

/// <summary>A catalog entry; order lines refer to it by <see cref="Sku"/>.</summary>
internal sealed record Product(
    string Sku,
    string Name,
    string Category,
    decimal Price,
    IReadOnlyList<string> Colors,
    DateOnly LaunchedOn);
