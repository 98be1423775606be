namespace Quickstart;

/// <summary>
/// An order as a shop API would return it: a nested shipment, lists of line objects, coupon codes
/// and package dimensions (a list of lists), with .NET types that JSON alone would lose.
/// </summary>
internal sealed record Order(
    Guid Id,
    long OrderNumber,
    int CustomerId,
    DateTimeOffset PlacedAt,
    DateTime? ShippedAt,
    DateOnly? DeliveredOn,
    string Status,
    string Currency,
    decimal Total,
    Shipment Shipping,
    IReadOnlyList<OrderLine> Lines,
    IReadOnlyList<string> Coupons,
    IReadOnlyList<IReadOnlyList<double>> PackageDimensions,
    string? GiftMessage);
