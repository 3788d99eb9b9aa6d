using Ecommerce.Core.Catalog;
using Ecommerce.Core.Data;
using Ecommerce.Core.Shops;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Search;

/// <summary>
/// Reads products from the database in the shape the index stores. Only visible products become documents.
/// A batch costs four flat queries whatever its size (products with their shop; their variants with stock; their
/// images; the categories), never one per product, and the documents are assembled in memory.
/// </summary>
public sealed class SearchDocumentLoader(IDbContextFactory<AppDbContext> contexts)
{
    /// <summary>The documents of these products; ids missing from the result are not (or no longer) visible.</summary>
    public async Task<List<SearchDocument>> LoadAsync(IReadOnlyCollection<int> productIds, CancellationToken cancellationToken = default)
    {
        if (productIds.Count == 0) return [];
        var ids = productIds.Distinct().ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var products = (await ProductRows(db.Products.Where(p => ids.Contains(p.Id)), cancellationToken)).Where(p => p.Visible).ToList();
        var found = products.Select(p => p.Id).ToList();
        var variants = await VariantRows(db.ProductVariants.Where(v => found.Contains(v.ProductId)), cancellationToken);
        var images = await ImageRows(db.ProductImages.Where(i => found.Contains(i.ProductId)), cancellationToken);
        return Assemble(products, variants, images, await CategoriesAsync(db, cancellationToken));
    }

    /// <summary>
    /// The next <paramref name="size"/> products in id order (keyset paging: fast at any depth), as documents of the
    /// visible ones, for a rebuild. Continue after <see cref="DocumentPage.LastId"/> until <see cref="DocumentPage.IsLast"/>.
    /// </summary>
    public async Task<DocumentPage> LoadPageAsync(int afterId, int size, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var scanned = await ProductRows(db.Products.Where(p => p.Id > afterId).OrderBy(p => p.Id).Take(size), cancellationToken);
        if (scanned.Count == 0) return new DocumentPage([], afterId, true);
        // The page's id range: its variants and images are read by range (an index scan), not by a list of ids.
        var last = scanned[^1].Id;
        var products = scanned.Where(p => p.Visible).ToList();
        var variants = await VariantRows(db.ProductVariants.Where(v => v.ProductId > afterId && v.ProductId <= last), cancellationToken);
        var images = await ImageRows(db.ProductImages.Where(i => i.ProductId > afterId && i.ProductId <= last), cancellationToken);
        return new DocumentPage(Assemble(products, variants, images, await CategoriesAsync(db, cancellationToken)), last, scanned.Count < size);
    }

    private sealed record ProductRow(int Id, string Name, string Slug, string? Brand, string Description, int ShopId, string ShopName, string ShopSlug,
        int CategoryId, decimal MinPrice, string Currency, int SalesCount, DateTime CreatedAt, Dictionary<string, string> Attributes, bool Visible);

    private sealed record VariantRow(int ProductId, int Id, decimal Price, decimal? CompareAtPrice, int Position, Dictionary<string, string> Options, int OnHand);

    private sealed record ImageRow(int ProductId, int Id, int Position, string Url, string AltText);

    private sealed record CategoryRow(int Id, string Name, string Slug, string? ParentSlug, List<AttributeDefinition> Template);

    // Visible (active, in an active shop) is a selected column, filtered in memory, on purpose: with the statuses in
    // the WHERE clause, SQLite's planner picks the index on status and reads every active product to find a page or
    // a few ids (what made a rebuild take a minute at 100,000 products).
    private static Task<List<ProductRow>> ProductRows(IQueryable<Product> products, CancellationToken cancellationToken) =>
        products.AsNoTracking().Select(p => new ProductRow(p.Id, p.Name, p.Slug, p.Brand, p.Description, p.ShopId, p.Shop!.Name, p.Shop.Slug,
            p.CategoryId, p.MinPrice, p.Currency, p.SalesCount, p.CreatedAt, p.Attributes, p.Status == ProductStatus.Active && p.UnlistedAt == null && p.Shop.Status == ShopStatus.Active)) // ProductVisibility.IsSold
            .ToListAsync(cancellationToken);

    private static Task<List<VariantRow>> VariantRows(IQueryable<ProductVariant> variants, CancellationToken cancellationToken) =>
        variants.AsNoTracking().Select(v => new VariantRow(v.ProductId, v.Id, v.Price, v.CompareAtPrice, v.Position, v.Options,
            v.Stock != null ? v.Stock.OnHand : 0)).ToListAsync(cancellationToken);

    private static Task<List<ImageRow>> ImageRows(IQueryable<ProductImage> images, CancellationToken cancellationToken) =>
        images.AsNoTracking().Select(i => new ImageRow(i.ProductId, i.Id, i.Position, i.Url, i.AltText)).ToListAsync(cancellationToken);

    // Categories are few (tens): all of them, once per batch.
    private static async Task<Dictionary<int, CategoryRow>> CategoriesAsync(AppDbContext db, CancellationToken cancellationToken) =>
        (await db.Categories.AsNoTracking()
            .Select(c => new CategoryRow(c.Id, c.Name, c.Slug, c.Parent != null ? c.Parent.Slug : null, c.AttributeTemplate))
            .ToListAsync(cancellationToken)).ToDictionary(c => c.Id);

    private static List<SearchDocument> Assemble(List<ProductRow> products, List<VariantRow> variants, List<ImageRow> images, Dictionary<int, CategoryRow> categories)
    {
        var variantsOf = variants.OrderBy(v => v.Id).GroupBy(v => v.ProductId).ToDictionary(g => g.Key, g => g.ToList());
        var imageOf = images.GroupBy(i => i.ProductId).ToDictionary(g => g.Key, g => g.MinBy(i => (i.Position, i.Id))!);
        var documents = new List<SearchDocument>(products.Count);
        foreach (var p in products)
        {
            if (!categories.TryGetValue(p.CategoryId, out var category)) continue;
            var productVariants = variantsOf.GetValueOrDefault(p.Id) ?? [];
            var facets = new List<KeyValuePair<string, string>>();
            // Templates say which attributes are facets.
            foreach (var definition in category.Template.Where(t => t.IsFacet))
            {
                if (!p.Attributes.TryGetValue(definition.Key, out var value) || string.IsNullOrWhiteSpace(value)) continue;
                var values = definition.Type switch
                {
                    AttributeType.List => value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                    AttributeType.YesNo => [AttributeFormatting.Display(definition, value)], // "Yes"/"No" reads better than true/false
                    _ => [value],
                };
                facets.AddRange(values.Select(v => new KeyValuePair<string, string>(definition.Key, v)));
            }
            // Variant options (size, colour) are facets too.
            foreach (var (name, value) in productVariants.SelectMany(v => v.Options))
                facets.Add(new(name.ToLowerInvariant(), value));
            var attributeText = string.Join(' ', p.Attributes.Values.Concat(productVariants.SelectMany(v => v.Options.Values)).Distinct());
            // The cheapest variant's compare-at price; in stock when any variant is.
            var cheapest = productVariants.MinBy(v => (v.Price, v.Position, v.Id));
            var image = imageOf.GetValueOrDefault(p.Id);
            documents.Add(new SearchDocument(p.Id, p.Name, p.Slug, p.Brand, p.Description, p.ShopId, p.ShopName, p.ShopSlug,
                p.CategoryId, category.Name, category.Slug, category.ParentSlug, p.MinPrice, cheapest?.CompareAtPrice, p.Currency,
                productVariants.Any(v => v.OnHand > 0), p.SalesCount, p.CreatedAt, image?.Url, image?.AltText ?? p.Name,
                facets.Distinct().ToList(), attributeText));
        }
        return documents;
    }
}

/// <summary>A rebuild's page: the documents of its visible products, the last product id it read, and whether it was the last.</summary>
public sealed record DocumentPage(List<SearchDocument> Documents, int LastId, bool IsLast);
