using System.Diagnostics.Metrics;
using Ecommerce.Core.Common;

namespace Ecommerce.Core.Checkout;

/// <summary>
/// What checkout counts on the platform meter: each checkout by outcome (ecommerce.checkouts), each order written
/// (ecommerce.orders.placed), and each time a buyer is told that what they want is gone (ecommerce.sold_out.answers, by the node's memory or the database).
/// </summary>
public sealed class CheckoutMetrics
{
    private readonly Counter<long> _checkouts;
    private readonly Counter<long> _ordersPlaced;
    private readonly Counter<long> _soldOut;

    public CheckoutMetrics()
    {
        var meter = PlatformMeter.Instance;
        _checkouts = meter.CreateCounter<long>("ecommerce.checkouts", "{checkout}",
            "Checkouts by outcome: placed, payment_failed, replayed (an idempotent retry), refused (sold out, coupon...), invalid, error.");
        _ordersPlaced = meter.CreateCounter<long>("ecommerce.orders.placed", "{order}", "Orders written by checkout (before payment).");
        _soldOut = meter.CreateCounter<long>("ecommerce.sold_out.answers", "{answer}",
            "Checkouts turned away because no unit (reason out_of_stock) or no flash-sale unit (flash_sale) was left.");
    }

    /// <summary>A checkout that answered with an order (new or earlier).</summary>
    public void Answered(CheckoutResult result) => Checkout(
        !result.Created ? "replayed" : result.Accepted ? "placed" : "payment_failed");

    /// <summary>A checkout that ended with an error instead of an order.</summary>
    public void Failed(Exception error) => Checkout(error switch
    {
        ConflictException => "refused",
        ValidationException or IdempotencyKeyReusedException or NotFoundException => "invalid",
        OperationCanceledException => "cancelled",
        _ => "error",
    });

    public void OrderPlaced() => _ordersPlaced.Add(1);

    /// <summary>A buyer told nothing is left; <paramref name="fromMemory"/>: by this node's sold-out board, without the database.</summary>
    public void SoldOut(bool flashSale, bool fromMemory = false) => _soldOut.Add(1,
        new KeyValuePair<string, object?>("reason", flashSale ? "flash_sale" : "out_of_stock"),
        new KeyValuePair<string, object?>("answered_by", fromMemory ? "memory" : "database"));

    private void Checkout(string outcome) => _checkouts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
