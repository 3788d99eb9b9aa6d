using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Audit;

public static class AuditActors
{
    /// <summary>
    /// Who a merchant action is by: the given actor (an API key), else the user by id with their email (one lookup
    /// by key), else the system (seeding, background work).
    /// </summary>
    public static async Task<AuditActor> ActorAsync(this AppDbContext db, string? userId, AuditActor? actor, CancellationToken cancellationToken = default)
    {
        if (actor is not null) return actor;
        if (userId is null) return AuditActor.System;
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
        return AuditActor.User(userId, email);
    }
}
