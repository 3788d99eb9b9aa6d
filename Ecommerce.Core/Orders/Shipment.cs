namespace Ecommerce.Core.Orders;

/// <summary>One parcel of a shop order: some of its lines (or all), with the carrier and tracking number.</summary>
public class Shipment
{
    public int Id { get; set; }
    public int OrderId { get; set; }
    public int ShopOrderId { get; set; }
    public required string Carrier { get; set; }
    public required string TrackingNumber { get; set; }
    public DateTime ShippedAt { get; set; }
    public List<ShipmentLine> Lines { get; set; } = [];
}

public class ShipmentLine
{
    public int Id { get; set; }
    public int ShipmentId { get; set; }
    public int OrderLineId { get; set; }
    public int Quantity { get; set; }
}
