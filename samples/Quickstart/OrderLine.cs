namespace Quickstart;

/// <summary>One line of an order; its options are a list of scalars inside a list of objects.</summary>
internal sealed record OrderLine(
    int LineNumber,
    string Sku,
    string ProductName,
    int Quantity,
    decimal UnitPrice,
    decimal? Discount,
    IReadOnlyList<string> Options);
