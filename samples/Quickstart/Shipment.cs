namespace Quickstart;

/// <summary>How an order travels; a nested object that is flattened into the order's columns.</summary>
internal sealed record Shipment(
    string Carrier,
    string Method,
    decimal Cost,
    string? TrackingNumber,
    string City,
    string Country);
