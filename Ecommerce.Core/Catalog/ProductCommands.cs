using Ecommerce.Core.Audit;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Ecommerce.Core.Inventory;
using Ecommerce.Core.Settings;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Catalog;

public sealed record ProductRef(int Id, string Slug, Guid Version);

/// <summary>
/// Creating, replacing and deleting a shop's products: one use case each, shared by the merchant console, the
/// product API and CSV import. Every method takes the shop the caller acts for and treats another shop's product
/// as not found. Each change writes its outbox event (product.registered, product.updated, product.deleted,
/// stock.changed) in the same transaction, so subscribers (search, audit) never miss one.
/// </summary>
public sealed class ProductCommands(IDbContextFactory<AppDbContext> contexts, TimeProvider clock, PlatformSettings settings, Inventory.SoldOutBoard soldOut)
{
    public const string OtherCategorySlug = "other";

    public async Task<ProductRef> CreateAsync(int shopId, ProductInput input, string? userId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var category = await ResolveCategoryAsync(db, input.Category, cancellationToken);
        input = WithGeneratedVariants(input);
        var errors = new ValidationErrors();
        ProductValidator.Validate(input, category, errors);
        // The marketplace sells in one currency: a new product is priced in it, and a request naming another is refused.
        var currency = await settings.CurrencyAsync(cancellationToken);
        CheckCurrency(input, currency, errors);
        await CheckSkusAreFreeAsync(db, input.Variants, exceptProductId: null, errors, cancellationToken);
        if (!string.IsNullOrEmpty(input.Slug) && await db.Products.AnyAsync(p => p.Slug == input.Slug, cancellationToken))
            errors.Add("slug", "is already used by another product");
        errors.ThrowIfAny();

        var now = clock.GetUtcNow().UtcDateTime;
        var product = new Product
        {
            ShopId = shopId, CategoryId = category.Id, Name = input.Name.Trim(), Slug = "", CreatedAt = now, UpdatedAt = now, Currency = currency,
        };
        Apply(product, input);
        product.Slug = string.IsNullOrEmpty(input.Slug) ? await FreeSlugAsync(db, input.Name, cancellationToken) : input.Slug;
        for (var i = 0; i < input.Variants.Count; i++)
        {
            var v = input.Variants[i];
            product.Variants.Add(new ProductVariant
            {
                Sku = string.IsNullOrEmpty(v.Sku) ? NewSku(shopId) : v.Sku, Position = i,
                Stock = new StockItem { OnHand = v.Stock, UpdatedAt = now },
            });
            ApplyVariant(product.Variants[i], v, product.Currency);
        }
        product.MinPrice = product.Variants.Min(v => v.Price);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Products.Add(product);
        await db.SaveChangesAsync(cancellationToken);
        db.Enqueue(EventTypes.ProductRegistered, new ProductEvent(product.Id, shopId));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ProductRef(product.Id, product.Slug, product.Version);
    }

    /// <summary>
    /// Replaces a product with <paramref name="input"/>. Variants with an id are kept (and updated), others added,
    /// the rest removed. With <paramref name="expectedVersion"/>, a product changed since it was read is refused.
    /// With <paramref name="keepExistingStock"/>, kept variants keep their on-hand count whatever the input says: the
    /// console changes stock only through StockService adjustments, so a sale made while the editor was open is
    /// never undone by saving an older count. Price and stock changes are audited (by <paramref name="userId"/>, or
    /// <paramref name="actor"/> for an API key).
    /// </summary>
    public async Task<ProductRef> UpdateAsync(int shopId, int productId, ProductInput input, Guid? expectedVersion = null,
        string? userId = null, CancellationToken cancellationToken = default, bool keepExistingStock = false, AuditActor? actor = null)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var product = await LoadOwnedAsync(db, shopId, productId, cancellationToken);
        var pricesBefore = PriceList(product);
        if (expectedVersion is { } version)
        {
            if (product.Version != version) throw StaleEdit();
            db.Entry(product).Property(p => p.Version).OriginalValue = version;
        }
        var category = await ResolveCategoryAsync(db, input.Category, cancellationToken);
        input = WithGeneratedVariants(input);
        var errors = new ValidationErrors();
        ProductValidator.Validate(input, category, errors);
        CheckCurrency(input, product.Currency, errors);
        for (var i = 0; i < input.Variants.Count; i++)
        {
            if (input.Variants[i].Id is { } id && product.Variants.All(v => v.Id != id))
                errors.Add($"variants[{i}].id", "is not a variant of this product");
        }
        await CheckSkusAreFreeAsync(db, input.Variants, exceptProductId: productId, errors, cancellationToken);
        if (!string.IsNullOrEmpty(input.Slug) && input.Slug != product.Slug && await db.Products.AnyAsync(p => p.Slug == input.Slug, cancellationToken))
            errors.Add("slug", "is already used by another product");
        errors.ThrowIfAny();

        var now = clock.GetUtcNow().UtcDateTime;
        product.CategoryId = category.Id;
        product.Name = input.Name.Trim();
        if (!string.IsNullOrEmpty(input.Slug)) product.Slug = input.Slug;
        product.UpdatedAt = now;
        Apply(product, input);

        var kept = input.Variants.Where(v => v.Id is not null).Select(v => v.Id!.Value).ToHashSet();
        var removed = product.Variants.Where(v => !kept.Contains(v.Id)).ToList();
        db.ProductVariants.RemoveRange(removed);
        // Their flash sales go with them, by name: SQL Server allows one cascade path to a table, and flash sales
        // already cascade from their product (ModelConventions).
        var removedIds = removed.Select(v => (int?)v.Id).ToList();
        if (removedIds.Count > 0)
            db.FlashSales.RemoveRange(await db.FlashSales.Where(f => removedIds.Contains(f.VariantId)).ToListAsync(cancellationToken));
        var stockCounts = new List<(int Index, ProductVariant Variant, int OnHand)>();
        for (var i = 0; i < input.Variants.Count; i++)
        {
            var v = input.Variants[i];
            var variant = v.Id is { } id ? product.Variants.Single(x => x.Id == id) : null;
            if (variant is null)
            {
                variant = new ProductVariant { Sku = string.IsNullOrEmpty(v.Sku) ? NewSku(shopId) : v.Sku, Stock = new StockItem { OnHand = v.Stock, UpdatedAt = now } };
                product.Variants.Add(variant);
            }
            else
            {
                if (!string.IsNullOrEmpty(v.Sku)) variant.Sku = v.Sku;
                // A count is set by Inventory's conditional statement after the product is saved, never through the
                // tracked row read above (a sale made since would be undone).
                if (variant.Stock is null) variant.Stock = new StockItem { OnHand = v.Stock, UpdatedAt = now };
                else if (!keepExistingStock && !v.KeepStock && variant.Stock.OnHand != v.Stock) stockCounts.Add((i, variant, v.Stock));
            }
            variant.Position = i;
            ApplyVariant(variant, v, product.Currency);
        }
        product.MinPrice = input.Variants.Min(v => v.Price);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw StaleEdit();
        }
        var pricesAfter = PriceList(product);
        var auditActor = stockCounts.Count > 0 || !pricesAfter.SequenceEqual(pricesBefore) ? await db.ActorAsync(userId, actor, cancellationToken) : null;
        if (!pricesAfter.SequenceEqual(pricesBefore))
            db.Record(auditActor!, "product.price-changed", "product", product.Id.ToString(), shopId, before: new { variants = pricesBefore }, after: new { variants = pricesAfter });
        foreach (var (index, variant, onHand) in stockCounts)
        {
            var change = await StockLevels.SetOnHandAsync(db, product.Id, variant.Id, onHand, "Product edited", userId, now, cancellationToken)
                ?? throw ValidationException.For($"variants[{index}].stock", "is below the units reserved in checkouts right now");
            db.Record(auditActor!, "stock.adjusted", "variant", variant.Id.ToString(), shopId, "Product edited",
                before: new { variant.Sku, onHand = change.OnHandBefore }, after: new { variant.Sku, onHand = change.OnHandAfter });
        }
        db.Enqueue(EventTypes.ProductUpdated, new ProductEvent(product.Id, shopId));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var (_, variant, _) in stockCounts) soldOut.ReadAgain(variant.Id); // other nodes read it again on the stock.changed event
        return new ProductRef(product.Id, product.Slug, product.Version);
    }

    public async Task DeleteAsync(int shopId, int productId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var product = await LoadOwnedAsync(db, shopId, productId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Products.Remove(product);
        db.Enqueue(EventTypes.ProductDeleted, new ProductEvent(productId, shopId));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Publishes, unpublishes (Draft) or archives several products of the shops <paramref name="userId"/> owns.</summary>
    public async Task<int> SetStatusAsync(string userId, IReadOnlyCollection<int> productIds, ProductStatus status, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(status)) throw ValidationException.For("status", "must be Draft, Active or Archived");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var owned = await db.Products.Where(p => productIds.Contains(p.Id) && p.Shop!.Merchant!.UserId == userId && p.Status != status)
            .Select(p => new { p.Id, p.ShopId }).ToListAsync(cancellationToken);
        if (owned.Count == 0) return 0;
        var ids = owned.Select(p => p.Id).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Products.Where(p => ids.Contains(p.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Status, status).SetProperty(p => p.UpdatedAt, now).SetProperty(p => p.Version, Guid.NewGuid()), cancellationToken);
        foreach (var p in owned) db.Enqueue(EventTypes.ProductUpdated, new ProductEvent(p.Id, p.ShopId));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return owned.Count;
    }

    /// <summary>The product with variants, stock and images, for editing or the API; null when not in this shop.</summary>
    public async Task<Product?> FindAsync(int shopId, int productId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await WithChildren(db.Products.AsNoTracking()).FirstOrDefaultAsync(p => p.Id == productId && p.ShopId == shopId, cancellationToken);
    }

    private static IQueryable<Product> WithChildren(IQueryable<Product> products) =>
        products.Include(p => p.Category).Include(p => p.Variants.OrderBy(v => v.Position)).ThenInclude(v => v.Stock)
            .Include(p => p.Images.OrderBy(i => i.Position)).AsSplitQuery();

    private static async Task<Product> LoadOwnedAsync(AppDbContext db, int shopId, int productId, CancellationToken cancellationToken) =>
        await WithChildren(db.Products).FirstOrDefaultAsync(p => p.Id == productId && p.ShopId == shopId, cancellationToken)
        ?? throw new NotFoundException($"Product {productId}");

    /// <summary>Each variant's prices by SKU, in a stable order, to tell whether an edit changed a price.</summary>
    private static List<VariantPrice> PriceList(Product product) =>
        product.Variants.Select(v => new VariantPrice(v.Sku, v.Price, v.CompareAtPrice)).OrderBy(v => v.Sku, StringComparer.Ordinal).ToList();

    private sealed record VariantPrice(string Sku, decimal Price, decimal? CompareAtPrice);

    private static void CheckCurrency(ProductInput input, string currency, ValidationErrors errors)
    {
        if (input.Currency is { } asked && !string.Equals(asked.Trim(), currency, StringComparison.OrdinalIgnoreCase))
            errors.Add("currency", $"must be {currency}: the marketplace prices every product in {currency} (or leave it out)");
    }

    private static ConflictException StaleEdit() =>
        new("This product was changed by someone else since you opened it. Reload it to see their changes, then edit again.");

    private static void Apply(Product product, ProductInput input)
    {
        product.Description = input.Description?.Trim() ?? "";
        product.Brand = string.IsNullOrWhiteSpace(input.Brand) ? null : input.Brand.Trim();
        product.Tags = (input.Tags ?? []).Select(t => t.Trim().ToLowerInvariant()).Distinct().ToList();
        product.Status = input.Status;
        product.Attributes = (input.Attributes ?? new Dictionary<string, string>())
            .Where(a => !string.IsNullOrWhiteSpace(a.Value)).ToDictionary(a => a.Key, a => a.Value.Trim());
        product.Options = ProductOption.FromVariants(input.Variants.Select(v => v.Options ?? new Dictionary<string, string>()));
        if (input.Images is not null)
        {
            product.Images.Clear();
            product.Images.AddRange(input.Images.Select((image, i) => new ProductImage { Url = image.Url, AltText = image.AltText?.Trim() ?? product.Name, Position = i }));
        }
    }

    private static void ApplyVariant(ProductVariant variant, VariantInput input, string currency)
    {
        variant.Options = new Dictionary<string, string>(input.Options ?? new Dictionary<string, string>());
        variant.Price = input.Price;
        variant.CompareAtPrice = input.CompareAtPrice;
        variant.Currency = currency;
    }

    /// <summary>Options without variants: one variant per combination, at the first variant's price (or none).</summary>
    private static ProductInput WithGeneratedVariants(ProductInput input)
    {
        if (input.Options is not { Count: > 0 } options || input.Variants.Any(v => v.Options is { Count: > 0 })) return input;
        var template = input.Variants.FirstOrDefault() ?? new VariantInput();
        return input with
        {
            Variants = ProductOption.Combinations(options).Select(c => template with { Id = null, Sku = null, Options = c }).ToList(),
        };
    }

    private async Task<Category> ResolveCategoryAsync(AppDbContext db, string? slug, CancellationToken cancellationToken)
    {
        var wanted = string.IsNullOrWhiteSpace(slug) ? OtherCategorySlug : slug.Trim().ToLowerInvariant();
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Slug == wanted, cancellationToken);
        if (category is not null) return category;
        if (wanted != OtherCategorySlug) throw ValidationException.For("category", $"'{slug}' is not a category");
        // The catch-all category for products registered without one (API clients often send none).
        category = new Category { Name = "Uncategorised", Slug = OtherCategorySlug, Description = "Products their shop has not given a category yet.", SortOrder = 10_000 };
        db.Categories.Add(category);
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // created at the same moment by another request
            category = await db.Categories.SingleAsync(c => c.Slug == OtherCategorySlug, cancellationToken);
        }
        return category;
    }

    private static async Task CheckSkusAreFreeAsync(AppDbContext db, IReadOnlyList<VariantInput> variants, int? exceptProductId, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var skus = variants.Select(v => v.Sku).Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList();
        foreach (var duplicate in skus.GroupBy(s => s).Where(g => g.Count() > 1)) errors.Add("variants", $"SKU {duplicate.Key} is given twice");
        if (skus.Count == 0) return;
        var taken = await db.ProductVariants.Where(v => skus.Contains(v.Sku) && v.ProductId != exceptProductId).Select(v => v.Sku).ToListAsync(cancellationToken);
        for (var i = 0; i < variants.Count; i++)
        {
            if (variants[i].Sku is { } sku && taken.Contains(sku)) errors.Add($"variants[{i}].sku", $"{sku} is already used by another product");
        }
    }

    private static async Task<string> FreeSlugAsync(AppDbContext db, string name, CancellationToken cancellationToken)
    {
        var slug = Slug.From(name, 80);
        if (slug.Length == 0) slug = "product";
        if (!await db.Products.AnyAsync(p => p.Slug == slug, cancellationToken)) return slug;
        return $"{slug}-{Convert.ToHexString(Guid.NewGuid().ToByteArray(), 0, 3).ToLowerInvariant()}";
    }

    private static string NewSku(int shopId) => $"S{shopId}-{Convert.ToHexString(Guid.NewGuid().ToByteArray(), 0, 5)}";
}
