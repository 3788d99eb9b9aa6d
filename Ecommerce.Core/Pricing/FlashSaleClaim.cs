namespace Ecommerce.Core.Pricing;

/// <summary>
/// How many units of a flash sale one customer holds or has bought, for its per-customer limit. Taken with one
/// conditional upsert (<c>ON CONFLICT … DO UPDATE … WHERE quantity + q &lt;= limit</c>).
/// </summary>
public class FlashSaleClaim
{
    public int FlashSaleId { get; set; }
    public required string CustomerKey { get; set; }
    public int Quantity { get; set; }
}
