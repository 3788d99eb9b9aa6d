using Ecommerce.Core.Accounts;
using Ecommerce.Core.Audit;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Common;
using Ecommerce.Core.Events;
using Ecommerce.Core.Shops;

namespace Ecommerce.Web.Api;

/// <summary>Why an admin acts; required to suspend, reinstate, unlist and lock, optional otherwise.</summary>
public sealed class ReasonRequest
{
    public string? Reason { get; init; }
}

public sealed class RolesRequest
{
    public List<string>? Roles { get; init; }
}

/// <summary>A page of anything the admin API lists.</summary>
public sealed record AdminPage<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public static AdminPage<T> From(PagedResult<T> page) => new(page.Items, page.Total, page.Page, page.PageSize);
}

public sealed record AdminShopResponse(int Id, string Name, string Slug, string Merchant, string? MerchantEmail, string Status, string? StatusReason, int Products, DateTime CreatedAt)
{
    public static AdminShopResponse From(AdminShopRow r) => new(r.Id, r.Name, r.Slug, r.MerchantName, r.MerchantEmail, r.Status.ToString(), r.StatusReason, r.Products, r.CreatedAt);
}

public sealed record AdminProductResponse(int Id, string Name, string Slug, int ShopId, string Shop, string Status, string ShopStatus, DateTime? UnlistedAt, string? UnlistedReason)
{
    public static AdminProductResponse From(ModeratedProductRow r) =>
        new(r.Id, r.Name, r.Slug, r.ShopId, r.ShopName, r.Status.ToString(), r.ShopStatus.ToString(), r.UnlistedAt, r.UnlistedReason);
}

public sealed record AdminUserResponse(string Id, string Email, string? DisplayName, DateTime CreatedAt, bool LockedOut, bool TwoFactor, IReadOnlyList<string> Roles)
{
    public static AdminUserResponse From(UserRow r) => new(r.Id, r.Email, r.DisplayName, r.CreatedAt, r.LockedOut, r.TwoFactor, r.Roles);
}

public sealed record AdminEventsResponse(int Pending, int Processing, int Failed, AdminPage<AdminEventResponse> FailedEvents);

public sealed record AdminEventResponse(long Id, string Type, int Attempts, string? LastError, string Payload, DateTime OccurredAt)
{
    public static AdminEventResponse From(OutboxMessage m) => new(m.Id, m.Type, m.Attempts, m.LastError, m.Payload, m.OccurredAt);
}

public sealed record RetryResponse(int Requeued);

public sealed record AuditEntryResponse(long Id, DateTime At, string? ActorId, string Actor, string Action, string SubjectType, string SubjectId,
    int? ShopId, string? Reason, string? Before, string? After)
{
    public static AuditEntryResponse From(AuditEntry e) =>
        new(e.Id, e.At, e.ActorId, e.ActorName, e.Action, e.SubjectType, e.SubjectId, e.ShopId, e.Reason, e.Before, e.After);
}
