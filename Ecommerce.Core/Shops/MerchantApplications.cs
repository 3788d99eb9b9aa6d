using Ecommerce.Core.Accounts;
using Ecommerce.Core.Audit;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Ecommerce.Core.Settings;
using Ecommerce.Core.Shipping;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Shops;

public sealed record MerchantApplicationInput(string BusinessName, string ContactEmail, string? ContactPhone, string Country);

public sealed record MerchantApplicationView(
    int Id, string UserId, string UserEmail, string BusinessName, string ContactEmail, string? ContactPhone, string Country,
    MerchantStatus Status, string? DecisionReason, DateTime CreatedAt, DateTime? DecidedAt);

/// <summary>
/// Becoming a merchant: a signed-in user applies once; the platform's approval policy approves at once or leaves
/// the application to an admin. Approval grants the Merchant role in the same transaction as the decision.
/// </summary>
public sealed class MerchantApplications(IDbContextFactory<AppDbContext> contexts, PlatformSettings settings, TimeProvider clock)
{
    public async Task<MerchantApplicationView?> OfUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Views(db.Merchants.Where(m => m.UserId == userId)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Applies, or re-applies after a rejection. Throws <see cref="ValidationException"/> for bad fields and
    /// <see cref="ConflictException"/> when the user already has a pending or approved application.
    /// </summary>
    public async Task<MerchantApplicationView> ApplyAsync(string userId, MerchantApplicationInput input, CancellationToken cancellationToken = default)
    {
        var clean = Validate(input);
        var policy = await settings.MerchantApprovalAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var merchant = await db.Merchants.FirstOrDefaultAsync(m => m.UserId == userId, cancellationToken);
        if (merchant is { Status: not MerchantStatus.Rejected })
            throw new ConflictException(merchant.Status == MerchantStatus.Approved
                ? "You are already a merchant."
                : "You have already applied; your application is waiting for a decision.");
        if (merchant is null)
        {
            merchant = new Merchant { UserId = userId, BusinessName = "", ContactEmail = "", Country = "" };
            db.Merchants.Add(merchant);
        }
        merchant.BusinessName = clean.BusinessName;
        merchant.ContactEmail = clean.ContactEmail;
        merchant.ContactPhone = clean.ContactPhone;
        merchant.Country = clean.Country;
        merchant.CreatedAt = clock.GetUtcNow().UtcDateTime;
        merchant.Status = MerchantStatus.Pending;
        merchant.DecisionReason = null;
        merchant.DecidedAt = null;
        merchant.DecidedByUserId = null;
        if (policy == MerchantApprovalPolicy.Automatic) await ApproveAsync(db, merchant, decidedBy: null);
        try
        {
            if (policy == MerchantApprovalPolicy.Automatic)
            {
                // The audit entry names the application's id, so a new row is saved first, in one transaction with it.
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                db.Record(AuditActor.System, "merchant.approved", "merchant", merchant.Id.ToString(), reason: "approved automatically (platform policy)",
                    after: new { merchant.BusinessName, merchant.UserId });
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            else await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) // two submissions at once: the unique index on UserId keeps one
        {
            throw new ConflictException("You have already applied.");
        }
        return (await OfUserAsync(userId, cancellationToken))!;
    }

    /// <summary>Applications for the admin console, newest first, optionally of one status.</summary>
    public async Task<PagedResult<MerchantApplicationView>> ListAsync(MerchantStatus? status, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Merchants.AsNoTracking();
        if (status is { } s) query = query.Where(m => m.Status == s);
        var total = await query.CountAsync(cancellationToken);
        take = Math.Clamp(take, 1, PageRequest.MaxPageSize);
        var items = await Views(query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Skip(Math.Max(0, skip)).Take(take))
            .ToListAsync(cancellationToken);
        return new PagedResult<MerchantApplicationView>(items, total, Math.Max(0, skip) / take + 1, take);
    }

    /// <summary>Approves a pending application and grants the Merchant role, audited, all in one transaction.</summary>
    public async Task ApproveAsync(int merchantId, AuditActor admin, CancellationToken cancellationToken = default) =>
        await DecideAsync(merchantId, admin, MerchantStatus.Approved, null, cancellationToken);

    /// <summary>Rejects a pending application with a reason the applicant sees on /sell, audited.</summary>
    public async Task RejectAsync(int merchantId, AuditActor admin, string reason, CancellationToken cancellationToken = default)
    {
        reason = reason?.Trim() ?? "";
        if (reason.Length is 0 or > 1000)
            throw ValidationException.For("reason", "Say why the application is rejected (up to 1000 characters); the applicant sees it.");
        await DecideAsync(merchantId, admin, MerchantStatus.Rejected, reason, cancellationToken);
    }

    private async Task DecideAsync(int merchantId, AuditActor admin, MerchantStatus decision, string? reason, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        // One conditional statement claims the decision, so two admins deciding at once cannot both win.
        var claimed = await db.Merchants.Where(m => m.Id == merchantId && m.Status == MerchantStatus.Pending)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.Status, decision).SetProperty(m => m.DecisionReason, reason)
                .SetProperty(m => m.DecidedAt, now).SetProperty(m => m.DecidedByUserId, admin.UserId), cancellationToken);
        var merchant = await db.Merchants.AsNoTracking().FirstOrDefaultAsync(m => m.Id == merchantId, cancellationToken)
                       ?? throw new NotFoundException("Merchant application");
        if (claimed == 0)
            throw new ConflictException($"This application was already {merchant.Status.ToString().ToLowerInvariant()}; reload the list.");
        if (decision == MerchantStatus.Approved) await GrantMerchantRoleAsync(db, merchant.UserId);
        db.Record(admin, decision == MerchantStatus.Approved ? "merchant.approved" : "merchant.rejected", "merchant", merchantId.ToString(),
            reason: reason, before: new { status = MerchantStatus.Pending.ToString() }, after: new { status = decision.ToString(), merchant.BusinessName });
        // The applicant was promised an email (see MerchantDecisionEmails), sent from the outbox once this commits.
        db.Enqueue(EventTypes.MerchantDecided, new MerchantDecidedEvent(merchantId, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // The role is granted through the same context, so the decision and the role commit together.
    private async Task ApproveAsync(AppDbContext db, Merchant merchant, string? decidedBy)
    {
        merchant.Status = MerchantStatus.Approved;
        merchant.DecisionReason = null;
        merchant.DecidedAt = clock.GetUtcNow().UtcDateTime;
        merchant.DecidedByUserId = decidedBy;
        await GrantMerchantRoleAsync(db, merchant.UserId);
    }

    private static async Task GrantMerchantRoleAsync(AppDbContext db, string userId)
    {
        var roleId = await db.Roles.Where(r => r.Name == Roles.Merchant).Select(r => r.Id).SingleAsync();
        if (!await db.UserRoles.AnyAsync(ur => ur.UserId == userId && ur.RoleId == roleId))
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = userId, RoleId = roleId });
    }

    private static MerchantApplicationInput Validate(MerchantApplicationInput input)
    {
        var errors = new ValidationErrors();
        var name = input.BusinessName?.Trim() ?? "";
        var email = input.ContactEmail?.Trim() ?? "";
        var phone = string.IsNullOrWhiteSpace(input.ContactPhone) ? null : input.ContactPhone.Trim();
        var country = input.Country?.Trim().ToUpperInvariant() ?? "";
        if (name.Length is 0 or > 200) errors.Add("businessName", "Enter your business name (up to 200 characters).");
        if (email.Length is 0 or > 256 || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email)) errors.Add("contactEmail", "Enter a valid contact email.");
        if (phone is { Length: > 40 }) errors.Add("contactPhone", "The phone number is too long (40 characters at most).");
        if (!ShippingZoneRules.IsCountryCode(country)) errors.Add("country", "Enter your country as a two-letter code (ISO 3166-1, e.g. US, FR).");
        errors.ThrowIfAny();
        return new MerchantApplicationInput(name, email, phone, country);
    }

    private static IQueryable<MerchantApplicationView> Views(IQueryable<Merchant> merchants) =>
        merchants.AsNoTracking().Select(m => new MerchantApplicationView(
            m.Id, m.UserId, m.User!.Email ?? "", m.BusinessName, m.ContactEmail, m.ContactPhone, m.Country,
            m.Status, m.DecisionReason, m.CreatedAt, m.DecidedAt));
}
