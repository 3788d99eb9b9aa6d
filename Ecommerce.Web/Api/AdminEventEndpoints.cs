using Ecommerce.Core.Audit;
using Ecommerce.Core.Events;
using Ecommerce.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ecommerce.Web.Api;

/// <summary>The outbox for admins (parked events and retries) and the audit log.</summary>
internal static class AdminEventEndpoints
{
    public static void MapAdminEvents(this RouteGroupBuilder admin)
    {
        var events = admin.MapGroup("/events").WithTags("Admin: events");
        events.MapGet("", ListAsync).Describe("AdminListFailedEvents", "Counts of pending, processing and failed events, and a page of the failed (parked) ones, newest first")
            .WithIntQuery("page", "Page number, from 1").WithIntQuery("pageSize", "Events per page, 1 to 100 (default 20)").ProducesValidationProblem();
        events.MapPost("/{id:long}/retry", RetryOneAsync).Describe("AdminRetryEvent", "Put one failed event back in the queue")
            .ProducesProblem(StatusCodes.Status404NotFound);
        events.MapPost("/retry-all", RetryAllAsync).Describe("AdminRetryAllEvents", "Put every failed event back in the queue");
    }

    public static void MapAdminAudit(this RouteGroupBuilder admin)
    {
        admin.MapGet("/audit", SearchAuditAsync).WithTags("Admin: audit log").Describe("AdminSearchAudit",
                "Audit entries, newest first: free text (who, action, subject, reason), action prefix, subject, shop, actor, date range (from inclusive, to exclusive)")
            .WithIntQuery("shopId", "Only this shop's entries").WithIntQuery("page", "Page number, from 1").WithIntQuery("pageSize", "Entries per page, 1 to 100 (default 20)")
            .ProducesValidationProblem();
    }

    private static async Task<Ok<AdminEventsResponse>> ListAsync(HttpRequest request, OutboxMonitor monitor)
    {
        var counts = await monitor.CountsAsync(request.HttpContext.RequestAborted);
        var page = await monitor.FailedAsync(request.Paging(), request.HttpContext.RequestAborted);
        return TypedResults.Ok(new AdminEventsResponse(counts.Pending, counts.Processing, counts.Failed,
            new AdminPage<AdminEventResponse>(page.Items.Select(AdminEventResponse.From).ToList(), page.Total, page.Page, page.PageSize)));
    }

    private static async Task<Ok<RetryResponse>> RetryOneAsync(long id, HttpRequest request, FailedEventRetries retries) =>
        TypedResults.Ok(new RetryResponse(await retries.RetryAsync(request.HttpContext.User.ToAuditActor(), id, request.HttpContext.RequestAborted)));

    private static async Task<Ok<RetryResponse>> RetryAllAsync(HttpRequest request, FailedEventRetries retries) =>
        TypedResults.Ok(new RetryResponse(await retries.RetryAsync(request.HttpContext.User.ToAuditActor(), null, request.HttpContext.RequestAborted)));

    private static async Task<Ok<AdminPage<AuditEntryResponse>>> SearchAuditAsync(HttpRequest request, AuditLog log)
    {
        var query = new AuditQuery(request.QueryText("text"), request.QueryText("action", 100), request.QueryText("subjectType", 50),
            request.QueryText("subjectId", 100), request.QueryInt("shopId", 1, int.MaxValue), request.QueryText("actorId", 450),
            request.QueryDate("from"), request.QueryDate("to"));
        var page = await log.SearchAsync(query, request.Paging(), request.HttpContext.RequestAborted);
        return TypedResults.Ok(new AdminPage<AuditEntryResponse>(page.Items.Select(AuditEntryResponse.From).ToList(), page.Total, page.Page, page.PageSize));
    }
}
