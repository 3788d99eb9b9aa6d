using System.Diagnostics;
using Ecommerce.Core.Accounts;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Shops;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ecommerce.Core.Data.Seeding;

/// <summary>
/// The demo data: accounts, merchants, shops with shipping zones, a category tree with attribute templates and a
/// deterministic catalogue of <see cref="DemoProductCount"/> products; plus bulk products for benchmarks.
/// Only used when demo data is on (<see cref="DemoSettings.Enabled"/>).
/// </summary>
public sealed class DemoSeeder(
    IDbContextFactory<AppDbContext> contexts,
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    ILogger<DemoSeeder> logger,
    TimeProvider? clock = null)
{
    public const string MerchantEmail = DemoAccounts.MerchantEmail;
    public const string ShopperEmail = DemoAccounts.ShopperEmail;
    /// <summary>Password of every demo account; the accounts exist only when demo data is on.</summary>
    public const string DemoPassword = DemoAccounts.Password;
    /// <summary>Slug of the main demo shop, owned by <see cref="MerchantEmail"/>.</summary>
    public const string MainShopSlug = "northwind-outfitters";
    public const int DemoProductCount = 1200;

    // Products per transaction: large enough to amortise a commit, small enough to keep memory and lock time low.
    private const int BatchSize = 5000;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Seeds demo accounts and, if the database has no categories yet, the demo catalogue. Idempotent.</summary>
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var userIds = await new DemoAccounts(users, roles).EnsureAsync(cancellationToken);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Categories.AnyAsync(cancellationToken))
        {
            logger.LogDebug("Demo catalogue not seeded: the database already has categories");
            return;
        }

        var now = _clock.GetUtcNow().UtcDateTime;
        var seeded = false;
        try
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                // Checked again under the transaction: another node may have seeded in the meantime.
                if (await db.Categories.AnyAsync(cancellationToken)) return;

                var categories = CategoryTemplates.Build();
                db.Categories.AddRange(categories);
                var shops = AddMerchantsAndShops(db, userIds, now);
                await db.SaveChangesAsync(cancellationToken);
                foreach (var shop in shops)
                {
                    shop.LogoUrl = ProductArt.ShopLogoUrl(shop.Id);
                    shop.BannerUrl = ProductArt.ShopBannerUrl(shop.Id);
                }
                await db.SaveChangesAsync(cancellationToken);

                var slots = Slots(shops, categories);
                for (var first = 0; first < DemoProductCount; first += BatchSize)
                {
                    var batch = Generate(first, Math.Min(BatchSize, DemoProductCount - first), slots, now, cancellationToken);
                    await BulkProductWriter.WriteAsync(db, batch, now, cancellationToken);
                }
                await DemoDeals.AddAsync(db, now, cancellationToken);
                await DemoPricing.AddAsync(db, now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                seeded = true;
            });
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            logger.LogInformation("Demo catalogue was seeded by another node meanwhile");
            return;
        }
        if (seeded)
            logger.LogInformation("Seeded the demo catalogue ({Shops} shops, {Products} products) in {Elapsed} ms",
                DemoShops.All.Count, DemoProductCount, watch.ElapsedMilliseconds);
    }

    /// <summary>
    /// Adds <paramref name="count"/> more generated products, spread over the demo shops and categories (seeding
    /// the demo data first if needed). Reports the number written so far; returns the number written.
    /// </summary>
    public async Task<int> SeedBulkProductsAsync(int count, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0) return 0;
        await SeedAsync(cancellationToken);

        var watch = Stopwatch.StartNew();
        var now = _clock.GetUtcNow().UtcDateTime;
        List<SeedSlot> slots;
        int firstNumber;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var shopSlugs = DemoShops.All.Select(s => s.Slug).ToList();
            var shops = await db.Shops.AsNoTracking().Where(s => shopSlugs.Contains(s.Slug)).ToListAsync(cancellationToken);
            var kindSlugs = CategoryTemplates.Kinds.Select(k => k.Slug).ToList();
            var categories = await db.Categories.AsNoTracking().Where(c => kindSlugs.Contains(c.Slug)).ToListAsync(cancellationToken);
            slots = Slots(shops, categories);
            if (slots.Count == 0)
                throw new InvalidOperationException("Bulk products need the demo shops and categories, and this database has none of them.");
            // Numbering continues after the existing products, so a second run adds different products.
            firstNumber = await db.Products.CountAsync(cancellationToken);
        }

        // Generating the next batch overlaps with writing this one: the database writer is the bottleneck.
        var written = 0;
        var next = Task.Run(() => Generate(firstNumber, Math.Min(BatchSize, count), slots, now, cancellationToken), cancellationToken);
        while (written < count)
        {
            var batch = await next;
            var following = written + batch.Length;
            if (following < count)
                next = Task.Run(() => Generate(firstNumber + following, Math.Min(BatchSize, count - following), slots, now, cancellationToken), cancellationToken);

            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await BulkProductWriter.WriteAsync(db, batch, now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            });
            written = following;
            progress?.Report(written);
        }
        logger.LogInformation("Seeded {Count} bulk products in {Elapsed} ms", written, watch.ElapsedMilliseconds);
        return written;
    }

    /// <summary>
    /// Tops the catalogue up to the demo catalogue plus <paramref name="extra"/> products, so running it on every
    /// start (<see cref="DemoSettings.BulkProducts"/>) adds products once, not on each restart.
    /// </summary>
    public async Task<int> EnsureBulkProductsAsync(int extra, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        await SeedAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var missing = DemoProductCount + extra - await db.Products.CountAsync(cancellationToken);
        return missing > 0 ? await SeedBulkProductsAsync(missing, progress, cancellationToken) : 0;
    }

    private static List<Shop> AddMerchantsAndShops(AppDbContext db, Dictionary<string, string> userIds, DateTime now)
    {
        var merchants = new Dictionary<string, Merchant>(StringComparer.OrdinalIgnoreCase);
        var shops = new List<Shop>();
        foreach (var spec in DemoShops.All)
        {
            if (!merchants.TryGetValue(spec.OwnerEmail, out var merchant))
            {
                merchant = new Merchant
                {
                    UserId = userIds[spec.OwnerEmail],
                    BusinessName = spec.OwnerEmail == MerchantEmail ? "Northwind Trading Co." : $"{spec.Name} Ltd.",
                    ContactEmail = spec.OwnerEmail,
                    Country = spec.Country,
                    Status = MerchantStatus.Approved,
                    DecisionReason = "Demo merchant",
                    CreatedAt = now.AddDays(-400),
                };
                merchants.Add(spec.OwnerEmail, merchant);
                db.Merchants.Add(merchant);
            }
            var shop = new Shop
            {
                Merchant = merchant,
                Name = spec.Name,
                Slug = spec.Slug,
                Description = spec.Description,
                AccentColor = spec.Accent,
                CreatedAt = now.AddDays(-390),
                ShippingZones = spec.Zones(),
            };
            shops.Add(shop);
            db.Shops.Add(shop);
        }
        return shops;
    }

    /// <summary>Every (shop, category) pair that the demo shops sell, in a fixed order; product n goes to slot n mod count.</summary>
    private static List<SeedSlot> Slots(IReadOnlyList<Shop> shops, IReadOnlyList<Category> categories)
    {
        var shopBySlug = shops.ToDictionary(s => s.Slug);
        var categoryBySlug = categories.ToDictionary(c => c.Slug);
        return DemoShops.All
            .Where(spec => shopBySlug.ContainsKey(spec.Slug))
            .SelectMany(spec => spec.Kinds
                .Where(categoryBySlug.ContainsKey)
                .Select(kind => new SeedSlot(shopBySlug[spec.Slug].Id, spec.SkuPrefix, categoryBySlug[kind].Id, CategoryTemplates.BySlug[kind])))
            .ToList();
    }

    // Products are independent of each other, so both cores can generate them.
    private static GeneratedProduct[] Generate(int firstNumber, int count, List<SeedSlot> slots, DateTime now, CancellationToken cancellationToken)
    {
        var batch = new GeneratedProduct[count];
        Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var number = firstNumber + i;
            batch[i] = ProductGenerator.Create(number, slots[number % slots.Count], now);
        });
        return batch;
    }
}
