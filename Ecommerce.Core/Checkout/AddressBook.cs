using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Ecommerce.Core.Shipping;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Checkout;

/// <summary>A saved address as pages and the API show it.</summary>
public sealed record AddressEntry(int Id, PostalAddress Address, bool IsDefault);

/// <summary>
/// A signed-in shopper's saved addresses. Every query is scoped to the user id, so someone else's address is
/// "not found", like a missing one. Exactly one address is the default while there is any: the first one saved,
/// or the one chosen; it is also the shopper's "Deliver to" when they have not picked a location.
/// </summary>
public sealed class AddressBook(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    public const int MaxAddresses = 20;

    /// <summary>The default first, then the newest.</summary>
    public async Task<IReadOnlyList<AddressEntry>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Mine(db, userId).OrderByDescending(a => a.IsDefault).ThenByDescending(a => a.Id)
            .Select(a => new AddressEntry(a.Id, a.Address, a.IsDefault)).ToListAsync(cancellationToken);
    }

    public async Task<AddressEntry> GetAsync(string userId, int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Mine(db, userId).Where(a => a.Id == id).Select(a => new AddressEntry(a.Id, a.Address, a.IsDefault)).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Address {id}");
    }

    public async Task<AddressEntry?> DefaultAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Mine(db, userId).Where(a => a.IsDefault).Select(a => new AddressEntry(a.Id, a.Address, a.IsDefault)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Where the default address is, for "Deliver to" (null without one).</summary>
    public async Task<DeliveryLocation?> DefaultLocationAsync(string userId, CancellationToken cancellationToken = default) =>
        (await DefaultAsync(userId, cancellationToken))?.Address.Location;

    /// <summary>Saves a new address; the first one (or one saved with <paramref name="makeDefault"/>) becomes the default.</summary>
    public async Task<int> AddAsync(string userId, PostalAddress address, bool makeDefault = false, CancellationToken cancellationToken = default)
    {
        var clean = Validated(address);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var count = await Mine(db, userId).CountAsync(cancellationToken);
        if (count >= MaxAddresses) throw ValidationException.For("address", $"an address book holds at most {MaxAddresses} addresses; delete one first");
        var saved = new SavedAddress { UserId = userId, Address = clean, IsDefault = count == 0, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.SavedAddresses.Add(saved);
        await db.SaveChangesAsync(cancellationToken);
        if (makeDefault && count > 0) await MakeDefaultAsync(db, userId, saved.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved.Id;
    }

    public async Task UpdateAsync(string userId, int id, PostalAddress address, CancellationToken cancellationToken = default)
    {
        var clean = Validated(address);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var saved = await db.SavedAddresses.FirstOrDefaultAsync(a => a.Id == id && a.UserId == userId, cancellationToken)
            ?? throw new NotFoundException($"Address {id}");
        saved.Address = clean;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Deletes an address; when it was the default, the newest remaining one takes its place.</summary>
    public async Task DeleteAsync(string userId, int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var wasDefault = await Mine(db, userId).Where(a => a.Id == id).Select(a => (bool?)a.IsDefault).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Address {id}");
        await db.SavedAddresses.Where(a => a.Id == id && a.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        if (wasDefault && await Mine(db, userId).OrderByDescending(a => a.Id).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken) is { } next)
            await MakeDefaultAsync(db, userId, next, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task SetDefaultAsync(string userId, int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await Mine(db, userId).AnyAsync(a => a.Id == id, cancellationToken)) throw new NotFoundException($"Address {id}");
        await MakeDefaultAsync(db, userId, id, cancellationToken);
    }

    // One statement over the user's rows, so two requests at once still leave exactly one default.
    private static Task<int> MakeDefaultAsync(AppDbContext db, string userId, int id, CancellationToken cancellationToken) =>
        db.SavedAddresses.Where(a => a.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsDefault, a => a.Id == id), cancellationToken);

    private static IQueryable<SavedAddress> Mine(AppDbContext db, string userId) => db.SavedAddresses.AsNoTracking().Where(a => a.UserId == userId);

    private static PostalAddress Validated(PostalAddress? address)
    {
        var errors = new ValidationErrors();
        var clean = (address ?? new PostalAddress()).Normalised(errors);
        errors.ThrowIfAny();
        return clean;
    }
}
