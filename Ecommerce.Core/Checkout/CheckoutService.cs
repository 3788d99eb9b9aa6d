using System.Net.Mail;
using System.Security.Cryptography;
using Ecommerce.Core.Carts;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Ecommerce.Core.Inventory;
using Ecommerce.Core.Orders;
using Ecommerce.Core.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ecommerce.Core.Checkout;

/// <summary>
/// Placing an order: the lines, where to, how to pay, and the idempotency key that makes a retry safe.
/// <see cref="LinesFromCart"/>: the caller named no lines and <see cref="Lines"/> are its cart's, so a retry after the
/// order emptied the cart is still the same request.
/// </summary>
public sealed record PlaceOrderRequest(
    IReadOnlyList<LineRequest> Lines, PostalAddress ShipTo, PaymentMethodDetails Payment, string IdempotencyKey,
    IReadOnlyDictionary<int, int>? ShippingChoices = null, string? CouponCode = null, Guid? HolderId = null, bool LinesFromCart = false);

/// <summary>
/// The answer: the order (new, or the one this idempotency key already made) and, when the card was refused, why.
/// A refused card leaves the cart as it was.
/// </summary>
public sealed record CheckoutResult(int OrderId, string Number, OrderStatus Status, decimal Total, string Currency, bool Created, string? PaymentProblem)
{
    public bool Accepted => PaymentProblem is null && Status is not (OrderStatus.PaymentFailed or OrderStatus.Expired or OrderStatus.Cancelled);
}

/// <summary>
/// Checkout, short and synchronous: reprice on the server, reserve stock (and flash-sale units
/// and coupon uses) with conditional statements, create the order and its payment in one transaction, then, outside
/// it, ask the payment provider. Everything after that (the sale, the emails) happens through the outbox.
/// </summary>
public sealed class CheckoutService(
    IDbContextFactory<AppDbContext> contexts, Pricer pricer, StockReservations reservations, IPaymentGateway gateway,
    PaymentNotifications notifications, OrderPayments orderPayments, Carts.CartService carts, WriteGate writeGate,
    IOptions<CheckoutOptions> options, Settings.PlatformSettings settings, CheckoutMetrics metrics, SoldOutBoard soldOut, CheckoutQueue queue, TimeProvider clock)
{
    /// <summary>
    /// Starting (or coming back to) checkout: prices the lines for the address and holds their stock for a few
    /// minutes. Lines that cannot be held are named in the quote's problems; the others stay held.
    /// </summary>
    public async Task<Quote> HoldAsync(Buyer buyer, Guid holderId, QuoteRequest request, CancellationToken cancellationToken = default)
    {
        ValidateLines(request.Lines);
        using var place = await queue.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var quote = await pricer.QuoteAsync(db, request with { HolderId = holderId }, cancellationToken);
        var expiry = await HoldExpiryAsync(cancellationToken); // read before the write transaction, not inside it
        using (await writeGate.EnterAsync(cancellationToken))
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var holdable = quote.Lines.Where(l => l.Problem is null)
                .Select(l => new ReservationRequest(l.VariantId, l.Quantity, l.FlashSale)).ToList();
            await reservations.ReserveAsync(db, holderId, null, holdable, buyer.CustomerKey, Now + expiry, replacing: holderId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return await pricer.QuoteAsync(db, request with { HolderId = holderId }, cancellationToken);
    }

    /// <summary>Prices lines for checkout without holding anything (the API's quote): the same figures and problems an order would get.</summary>
    public async Task<Quote> QuoteAsync(QuoteRequest request, CancellationToken cancellationToken = default)
    {
        ValidateLines(request.Lines);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await pricer.QuoteAsync(db, request, cancellationToken);
    }

    /// <summary>The shopper is still in checkout: their holds last a while longer. Returns how many lines are still held.</summary>
    public async Task<int> RenewHoldAsync(Guid holderId, CancellationToken cancellationToken = default)
    {
        var expiry = await HoldExpiryAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await reservations.ExtendAsync(db, holderId, Now + expiry, cancellationToken);
    }

    /// <summary>How long a hold lasts: the admins' platform setting when set, else Checkout:ReservationExpiry.</summary>
    private async Task<TimeSpan> HoldExpiryAsync(CancellationToken cancellationToken) =>
        await settings.ReservationExpiryAsync(cancellationToken) ?? options.Value.ReservationExpiry;

    /// <summary>The shopper left checkout: their holds go back at once.</summary>
    public async Task ReleaseHoldAsync(Guid holderId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        using var _ = await writeGate.EnterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await reservations.ReleaseHolderAsync(db, holderId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<CheckoutResult> PlaceOrderAsync(Buyer buyer, PlaceOrderRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await PlaceAsync(buyer, request, cancellationToken);
            metrics.Answered(result);
            return result;
        }
        catch (Exception e)
        {
            metrics.Failed(e);
            throw;
        }
    }

    private async Task<CheckoutResult> PlaceAsync(Buyer buyer, PlaceOrderRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var key = request.IdempotencyKey?.Trim() ?? "";
        if (key.Length is < 8 or > 100) errors.Add("idempotencyKey", "must be 8 to 100 characters (a new UUID per order)");
        if (!IsEmail(buyer.Email)) errors.Add("email", "must be a valid email address");
        var shipTo = (request.ShipTo ?? new PostalAddress()).Normalised(errors, "shipTo");
        // A cart checkout sent again after its order emptied the cart: the order answers it, or else "at least one line".
        var cartAlreadyBought = request.LinesFromCart && (request.Lines?.Count ?? 0) == 0;
        if (!cartAlreadyBought) ValidateLines(request.Lines, errors);
        if (request.Payment is null || (string.IsNullOrWhiteSpace(request.Payment.CardNumber) && string.IsNullOrWhiteSpace(request.Payment.PaymentMethodId)))
            errors.Add("payment", "a card number or a payment method is required");
        errors.ThrowIfAny();

        // A crowd for units that are gone is answered here, before any database work (the idempotency read included:
        // the board lets through every retry of an order that holds the units).
        using var admission = await soldOut.AdmitAsync(
            (request.Lines ?? []).GroupBy(l => l.VariantId).Select(g => (g.Key, g.Sum(l => l.Quantity))).ToList(), key, holding: request.HolderId is not null, cancellationToken);
        if (admission.SoldOut is { } answer)
        {
            metrics.SoldOut(flashSale: false, fromMemory: true);
            throw new ConflictException(answer);
        }

        using var place = await queue.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var fingerprint = CheckoutFingerprint.Of(buyer, request, shipTo);
        if (await ExistingAsync(db, key, buyer, fingerprint, cancellationToken) is { } earlier)
        {
            // A retry pays an order whose first attempt never reached the provider (its process died after the commit),
            // but only once that attempt's claim on the charge has lapsed: a double submit while the first request still
            // waits on the provider answers "pending" and lets the first one finish.
            var claimed = earlier.Status == OrderStatus.PendingPayment && await ClaimLapsedChargeAsync(db, earlier.OrderId, cancellationToken);
            return claimed ? await PayAsync(db, earlier, buyer, request.Payment!, [], cancellationToken) : earlier;
        }
        if (cartAlreadyBought) ValidateLines(request.Lines); // no earlier order for it: "at least one line"
        var lines = request.Lines ?? []; // validated above: never empty from here on

        var quote = await pricer.QuoteAsync(db, new QuoteRequest(lines, shipTo.Location, true, request.ShippingChoices, request.CouponCode, request.HolderId), cancellationToken);
        // A cart drops a deleted variant quietly; an order must not be placed without a line the shopper asked for.
        var priced = quote.Lines.Select(l => l.VariantId).ToHashSet();
        for (var i = 0; i < lines.Count; i++)
            if (!priced.Contains(lines[i].VariantId)) errors.Add($"lines[{i}].variantId", "is not a product that can be bought");
        errors.ThrowIfAny();
        foreach (var line in quote.Lines) soldOut.Observed(line.VariantId, line.Available);
        if (!quote.CanPlaceOrder)
        {
            if (quote.Lines.Any(l => l.Problem == Pricer.SoldOut)) metrics.SoldOut(flashSale: false);
            throw new ConflictException(string.Join(" ", quote.Problems));
        }

        var now = Now;
        var order = NewOrder(buyer, key, shipTo, quote, now);
        order.RequestHash = fingerprint;
        try
        {
            using (await writeGate.EnterAsync(cancellationToken))
            {
                // Under a rush most buyers priced their lines while units were left, then queued at the gate: those who
                // can no longer have them are turned away by a read, not by an order written only to be rolled back.
                if (await ShortfallAsync(db, quote, request.HolderId, cancellationToken) is { } shortfall)
                {
                    if (await ExistingAsync(db, key, buyer, fingerprint, cancellationToken) is { } same) return same;
                    soldOut.Observed(shortfall.VariantId, shortfall.Available);
                    if (shortfall.Available == 0) metrics.SoldOut(flashSale: false);
                    throw new ConflictException(Describe(shortfall, quote));
                }

                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                // The order first: a concurrent twin with the same key stops at the unique index before taking any stock.
                db.Orders.Add(order);
                await db.SaveChangesAsync(cancellationToken);

                // The checkout's own holds become the order's, in the same pass (one lock order for every checkout).
                var reserved = await reservations.ReserveAsync(db, Guid.NewGuid(), order.Id,
                    quote.Lines.Select(l => new ReservationRequest(l.VariantId, l.Quantity, l.FlashSale)), buyer.CustomerKey, order.PaymentDueBy,
                    replacing: request.HolderId, cancellationToken);
                if (reserved.FirstOrDefault(r => !r.Succeeded) is { } failed)
                {
                    if (failed.Outcome == ReservationOutcome.FlashSaleSoldOut || (failed.Outcome == ReservationOutcome.OutOfStock && failed.Available == 0))
                        metrics.SoldOut(flashSale: failed.Outcome == ReservationOutcome.FlashSaleSoldOut);
                    throw new ConflictException(Describe(failed, quote));
                }

                foreach (var shop in quote.Shops.Where(s => s.CouponId is not null).OrderBy(s => s.CouponId)) // after all stock and sales: the lock order
                {
                    var perCustomer = await db.Coupons.Where(c => c.Id == shop.CouponId).Select(c => c.PerCustomerLimit).SingleAsync(cancellationToken);
                    if (await CouponUses.TakeAsync(db, shop.CouponId!.Value, buyer.CustomerKey, perCustomer, cancellationToken) is { } why)
                        throw new ConflictException($"The code {shop.CouponCode} {why}.");
                }

                order.Placed(buyer.UserId is null ? "guest" : "shopper", now);
                db.Payments.Add(new Payment { OrderId = order.Id, Provider = gateway.Name, Amount = order.Total, Currency = order.Currency, Status = PaymentStatus.Pending, CreatedAt = now, UpdatedAt = now });
                db.Enqueue(EventTypes.OrderPlaced, new OrderEvent(order.Id, order.Number));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            metrics.OrderPlaced();
            foreach (var line in quote.Lines) soldOut.Held(line.VariantId, key);
            admission.Placed();
            admission.Dispose(); // its units are reserved now: no longer in flight while the payment is asked for
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            return await ExistingAsync(fresh, key, buyer, fingerprint, cancellationToken) ?? throw new ConflictException("Please try again.");
        }

        // The payment call happens after the stock transaction has committed, never inside it.
        var placed = new CheckoutResult(order.Id, order.Number, OrderStatus.PendingPayment, order.Total, order.Currency, true, null);
        return await PayAsync(db, placed, buyer, request.Payment!, quote.Lines.Select(l => new LineRequest(l.VariantId, l.Quantity)).ToList(), cancellationToken);
    }

    /// <summary>Charges a placed order and records the provider's answer; the sale itself follows through the outbox.</summary>
    private async Task<CheckoutResult> PayAsync(AppDbContext db, CheckoutResult order, Buyer buyer, PaymentMethodDetails method,
        IReadOnlyList<LineRequest> bought, CancellationToken cancellationToken)
    {
        var charge = await ChargeAsync(order, buyer, method, cancellationToken);
        if (charge.IsFailure)
        {
            await orderPayments.FailedAsync(order.OrderId, charge.Code, charge.Message, cancellationToken);
            return order with { Status = OrderStatus.PaymentFailed, PaymentProblem = charge.Message ?? "The payment failed." };
        }
        await db.Payments.Where(p => p.OrderId == order.OrderId && p.ProviderPaymentId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.ProviderPaymentId, charge.ProviderPaymentId), cancellationToken);
        if (charge.Status == ChargeStatus.Succeeded)
            await notifications.AcceptAsync(new PaymentNotice(gateway.Name, $"charge:{charge.ProviderPaymentId}", order.OrderId, charge.ProviderPaymentId, true), cancellationToken);
        if (buyer.Shopper is { } shopper && bought.Count > 0)
            await carts.RemoveBoughtAsync(shopper, bought, cancellationToken);
        return order;
    }

    /// <summary>
    /// The charge of a pending payment with no provider id yet belongs to whoever last stamped its UpdatedAt (the order's
    /// creator first) for <see cref="CheckoutOptions.ChargeLease"/>. One conditional update takes over a lapsed claim, so
    /// of several retries only one calls the provider; the charge's idempotency key makes a late first attempt the same payment.
    /// </summary>
    private async Task<bool> ClaimLapsedChargeAsync(AppDbContext db, int orderId, CancellationToken cancellationToken)
    {
        var now = Now;
        var lapsed = now - options.Value.ChargeLease;
        return await db.Payments
            .Where(p => p.OrderId == orderId && p.Status == PaymentStatus.Pending && p.ProviderPaymentId == null && p.UpdatedAt <= lapsed)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.UpdatedAt, now), cancellationToken) == 1;
    }

    private async Task<ChargeResult> ChargeAsync(CheckoutResult order, Buyer buyer, PaymentMethodDetails method, CancellationToken cancellationToken)
    {
        try
        {
            return await gateway.ChargeAsync(new ChargeRequest(order.OrderId, order.Number, order.Total, order.Currency, buyer.Email, method, $"order-{order.OrderId}-charge"), cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or PaymentProviderException)
        {
            // The provider could not be reached: the order waits for a notice or expires; the shopper is told plainly.
            return new ChargeResult(ChargeStatus.Failed, null, "provider_unavailable", "The payment service did not answer, so your payment could not be confirmed. If your card was charged anyway, the order will go ahead or be refunded automatically, and we will email you.");
        }
    }

    /// <summary>
    /// The order this key already made, if any. A key is a promise that the request is the same: sent again with another
    /// request (other lines, address, shipping, coupon or email) it is refused rather than answered with an order the
    /// caller did not ask for. Orders from before the request was hashed have no hash and are answered as before.
    /// </summary>
    private static async Task<CheckoutResult?> ExistingAsync(AppDbContext db, string key, Buyer buyer, string fingerprint, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().Where(o => o.IdempotencyKey == key)
            .Select(o => new { o.Id, o.Number, o.Status, o.Total, o.Currency, o.CustomerKey, o.RequestHash }).FirstOrDefaultAsync(cancellationToken);
        if (order is null) return null;
        if (order.CustomerKey != buyer.CustomerKey) throw new ConflictException("This idempotency key was already used for another order.");
        if (order.RequestHash is not null && order.RequestHash != fingerprint)
            throw new IdempotencyKeyReusedException("This idempotency key was already used for order " + order.Number +
                " with a different request (lines, address, shipping, coupon or email). Send a new key for a new order, or the same request to retry.");
        var problem = order.Status == OrderStatus.PaymentFailed
            ? await db.Payments.Where(p => p.OrderId == order.Id).Select(p => p.FailureMessage).FirstOrDefaultAsync(cancellationToken) ?? "The payment failed."
            : null;
        return new CheckoutResult(order.Id, order.Number, order.Status, order.Total, order.Currency, false, problem);
    }

    private Order NewOrder(Buyer buyer, string key, PostalAddress shipTo, Quote quote, DateTime now) => new()
    {
        Number = NewNumber(), UserId = buyer.UserId, Email = buyer.Email.Trim(), CustomerKey = buyer.CustomerKey,
        ShopperKey = buyer.Shopper?.Value, IdempotencyKey = key, Currency = quote.Currency,
        Subtotal = quote.Subtotal, Discount = quote.Discount, Shipping = quote.Shipping, Tax = quote.Tax, Total = quote.Total,
        ShipTo = shipTo, PlacedAt = now, PaymentDueBy = now + options.Value.PaymentWindow,
        ShopOrders = quote.Shops.Select(s => new ShopOrder
        {
            ShopId = s.ShopId, ShopName = s.ShopName, Subtotal = s.Subtotal, Discount = s.Discount,
            Shipping = s.Shipping!.Price, Tax = s.Tax, Total = s.Total, CouponId = s.CouponId, CouponCode = s.CouponCode,
            ShippingMethod = s.Shipping.Name, DeliveryMinDays = s.Shipping.MinDays, DeliveryMaxDays = s.Shipping.MaxDays,
            Lines = s.Lines.Select(l => new OrderLine
            {
                ProductId = l.ProductId, VariantId = l.VariantId, ProductName = l.ProductName, VariantTitle = l.VariantTitle, Sku = l.Sku,
                ListPrice = l.ListPrice, UnitPrice = l.UnitPrice, Quantity = l.Quantity, LineTotal = l.LineTotal, FlashSaleId = l.FlashSale?.FlashSaleId,
            }).ToList(),
        }).ToList(),
    };

    /// <summary>The first line that cannot be reserved any more, as a failed reservation would report it; null when all can.</summary>
    private async Task<ReservationResult?> ShortfallAsync(AppDbContext db, Quote quote, Guid? holderId, CancellationToken cancellationToken)
    {
        var available = await reservations.ReservableAsync(db, quote.Lines.Select(l => l.VariantId).ToList(), holderId, cancellationToken);
        return quote.Lines.Where(l => available[l.VariantId] < l.Quantity)
            .Select(l => new ReservationResult(l.VariantId, l.Quantity, ReservationOutcome.OutOfStock, available[l.VariantId], false)).FirstOrDefault();
    }

    private static string Describe(ReservationResult failed, Quote quote)
    {
        var line = quote.Lines.First(l => l.VariantId == failed.VariantId);
        var name = $"{line.ProductName} ({line.VariantTitle})";
        return failed.Outcome switch
        {
            ReservationOutcome.OutOfStock when failed.Available == 0 => StockLevels.SoldOutMessage(line.ProductName, line.VariantTitle),
            ReservationOutcome.OutOfStock => $"Only {failed.Available} left of {name}.",
            ReservationOutcome.FlashSaleSoldOut => $"The flash-sale units of {name} are sold out; it is back at its regular price in your cart.",
            _ => $"The flash sale of {name} allows {line.FlashSale?.PerCustomerLimit} per customer, and you already have them.",
        };
    }

    private static void ValidateLines(IReadOnlyList<LineRequest>? lines, ValidationErrors? collect = null)
    {
        var errors = collect ?? new ValidationErrors();
        if (lines is null || lines.Count == 0) errors.Add("lines", "at least one line is required");
        else if (lines.Count > Pricer.MaxLines) errors.Add("lines", $"at most {Pricer.MaxLines} lines");
        else
        {
            var perVariant = new Dictionary<int, long>();
            for (var i = 0; i < lines.Count; i++)
            {
                if (lines[i].Quantity is < 1 or > Pricer.MaxQuantityPerLine)
                    errors.Add($"lines[{i}].quantity", $"must be between 1 and {Pricer.MaxQuantityPerLine}");
                // Lines of the same variant are bought together, so the limit is on their sum.
                else if ((perVariant[lines[i].VariantId] = perVariant.GetValueOrDefault(lines[i].VariantId) + lines[i].Quantity) > Pricer.MaxQuantityPerLine)
                    errors.Add($"lines[{i}].quantity", $"together with the other lines of this item, must be at most {Pricer.MaxQuantityPerLine}");
            }
        }
        if (collect is null) errors.ThrowIfAny();
    }

    private static bool IsEmail(string? email) =>
        !string.IsNullOrWhiteSpace(email) && email.Length <= 256 && MailAddress.TryCreate(email.Trim(), out var parsed) && parsed.Address == email.Trim();

    private const string NumberAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static string NewNumber() => "EC-" + string.Create(8, 0, (span, _) =>
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        for (var i = 0; i < span.Length; i++) span[i] = NumberAlphabet[bytes[i] % NumberAlphabet.Length];
    });

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
