using System.Text.Json;
using Ecommerce.Core.Data;
using Ecommerce.Core.Email;
using Ecommerce.Core.Events;
using Microsoft.EntityFrameworkCore;
using static System.Net.WebUtility;

namespace Ecommerce.Core.Shops;

/// <summary>The event an admin's decision on a merchant application raises (in the decision's transaction).</summary>
public sealed record MerchantDecidedEvent(int MerchantId, DateTime DecidedAt);

/// <summary>
/// Tells the applicant, at the contact email they gave on /sell, that their application was approved or rejected
/// (with the admin's reason). Once per decision: an application rejected, corrected and decided again gets a mail
/// for each decision, a redelivered event none.
/// </summary>
public sealed class MerchantDecisionEmails(IDbContextFactory<AppDbContext> contexts, OnceOnlyEmail email) : IEventHandler
{
    public bool Handles(string eventType) => eventType == EventTypes.MerchantDecided;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var e = JsonSerializer.Deserialize<MerchantDecidedEvent>(message.Payload, Outbox.Json)!;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var merchant = await db.Merchants.AsNoTracking().FirstOrDefaultAsync(m => m.Id == e.MerchantId, cancellationToken);
        if (merchant is null) return;
        var key = $"{EventTypes.MerchantDecided}:{merchant.Id}:{e.DecidedAt.Ticks}";
        var business = HtmlEncode(merchant.BusinessName);
        var mail = merchant.Status switch
        {
            MerchantStatus.Approved => new EmailMessage(merchant.ContactEmail, $"Your merchant application for {merchant.BusinessName} is approved",
                MailPage.Html($"Welcome, {business}",
                    "<p>Your application to sell on Marketplace is approved. Sign in and open the merchant console to open your first shop.</p>")),
            MerchantStatus.Rejected => new EmailMessage(merchant.ContactEmail, $"Your merchant application for {merchant.BusinessName} was not approved",
                MailPage.Html($"Your application for {business} was not approved",
                    $"<p>Reason: {HtmlEncode(merchant.DecisionReason ?? "")}</p><p>You can correct it and apply again on the Sell on Marketplace page.</p>")),
            _ => null, // decided again since (a new application is pending): that decision raises its own event
        };
        if (mail is not null) await email.SendAsync(key, mail, cancellationToken);
    }
}
