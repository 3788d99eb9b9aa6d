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

    // Plain loops on purpose: this runs for every product of a rebuild, and the LINQ version (with a Distinct over
    // KeyValuePairs, which compares by reflection) was half of the loader's time.
    private static List<SearchDocument> Assemble(List<ProductRow> products, List<VariantRow> variants, List<ImageRow> images, Dictionary<int, CategoryRow> categories)
    {
        var variantsOf = new Dictionary<int, List<VariantRow>>(products.Count);
        foreach (var v in variants)
        {
            if (!variantsOf.TryGetValue(v.ProductId, out var list)) variantsOf[v.ProductId] = list = new List<VariantRow>(4);
            list.Add(v);
        }
        var imageOf = new Dictionary<int, ImageRow>(products.Count);
        foreach (var i in images)
            if (!imageOf.TryGetValue(i.ProductId, out var first) || (i.Position, i.Id).CompareTo((first.Position, first.Id)) < 0) imageOf[i.ProductId] = i;
        // Templates say which attributes are facets; resolved once per category, not per product.
        var facetDefinitions = categories.ToDictionary(c => c.Key, c => c.Value.Template.Where(t => t.IsFacet).ToArray());
        var optionKeys = new Dictionary<string, string>(StringComparer.Ordinal);

        var documents = new List<SearchDocument>(products.Count);
        var seenFacets = new HashSet<(string, string)>();
        var seenWords = new HashSet<string>(StringComparer.Ordinal);
        var text = new System.Text.StringBuilder();
        foreach (var p in products)
        {
            if (!categories.TryGetValue(p.CategoryId, out var category)) continue;
            var productVariants = variantsOf.GetValueOrDefault(p.Id) ?? [];
            productVariants.Sort((a, b) => a.Id.CompareTo(b.Id));
            var facets = new List<KeyValuePair<string, string>>();
            seenFacets.Clear();
            void AddFacet(string key, string value)
            {
                if (seenFacets.Add((key, value))) facets.Add(new(key, value));
            }
            foreach (var definition in facetDefinitions[p.CategoryId])
            {
                if (!p.Attributes.TryGetValue(definition.Key, out var value) || string.IsNullOrWhiteSpace(value)) continue;
                switch (definition.Type)
                {
                    case AttributeType.List:
                        foreach (var item in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) AddFacet(definition.Key, item);
                        break;
                    case AttributeType.YesNo: AddFacet(definition.Key, AttributeFormatting.Display(definition, value)); break; // "Yes"/"No" reads better than true/false
                    default: AddFacet(definition.Key, value); break;
                }
            }
            // Variant options (size, colour) are facets too.
            foreach (var v in productVariants)
                foreach (var (name, value) in v.Options)
                {
                    if (!optionKeys.TryGetValue(name, out var key)) optionKeys[name] = key = name.ToLowerInvariant();
                    AddFacet(key, value);
                }

            // Every attribute and option value once, as searchable text.
            text.Clear();
            seenWords.Clear();
            void AddText(string value)
            {
                if (!seenWords.Add(value)) return;
                if (text.Length > 0) text.Append(' ');
                text.Append(value);
            }
            foreach (var value in p.Attributes.Values) AddText(value);
            foreach (var v in productVariants)
                foreach (var value in v.Options.Values) AddText(value);

            // The cheapest variant's compare-at price; in stock when any variant is.
            VariantRow? cheapest = null;
            var inStock = false;
            foreach (var v in productVariants)
            {
                if (cheapest is null || (v.Price, v.Position, v.Id).CompareTo((cheapest.Price, cheapest.Position, cheapest.Id)) < 0) cheapest = v;
                inStock |= v.OnHand > 0;
            }
            var image = imageOf.GetValueOrDefault(p.Id);
            documents.Add(new SearchDocument(p.Id, p.Name, p.Slug, p.Brand, p.Description, p.ShopId, p.ShopName, p.ShopSlug,
                p.CategoryId, category.Name, category.Slug, category.ParentSlug, p.MinPrice, cheapest?.CompareAtPrice, p.Currency,
                inStock, p.SalesCount, p.CreatedAt, image?.Url, image?.AltText ?? p.Name, facets, text.ToString()));
        }
        return documents;
    }
}

/// <summary>A rebuild's page: the documents of its visible products, the last product id it read, and whether it was the last.</summary>
public sealed record DocumentPage(List<SearchDocument> Documents, int LastId, bool IsLast);
