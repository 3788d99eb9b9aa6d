using Ecommerce.Core.Catalog;
using Ecommerce.Core.Data;
using Ecommerce.Core.Shops;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Search;

/// <summary>Reads products from the database in the shape the index stores. Only visible products become documents.</summary>
public sealed class SearchDocumentLoader(IDbContextFactory<AppDbContext> contexts)
{
    /// <summary>The documents of these products; ids missing from the result are not (or no longer) visible.</summary>
    public async Task<List<SearchDocument>> LoadAsync(IReadOnlyCollection<int> productIds, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LoadAsync(db, Visible(db).Where(p => productIds.Contains(p.Id)), cancellationToken);
    }

    /// <summary>A page of all visible products in id order, for a rebuild (keyset paging: fast at any depth).</summary>
    public async Task<List<SearchDocument>> LoadPageAsync(int afterId, int size, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LoadAsync(db, Visible(db).Where(p => p.Id > afterId).OrderBy(p => p.Id).Take(size), cancellationToken);
    }

    private static IQueryable<Product> Visible(AppDbContext db) =>
        db.Products.AsNoTracking().Where(p => p.Status == ProductStatus.Active && p.Shop!.Status == ShopStatus.Active);

    private static async Task<List<SearchDocument>> LoadAsync(AppDbContext db, IQueryable<Product> products, CancellationToken cancellationToken)
    {
        var rows = await products.Select(p => new
        {
            p.Id, p.Name, p.Slug, p.Brand, p.Description, p.ShopId, ShopName = p.Shop!.Name, ShopSlug = p.Shop.Slug,
            p.CategoryId, CategoryName = p.Category!.Name, CategorySlug = p.Category.Slug,
            ParentSlug = p.Category.Parent != null ? p.Category.Parent.Slug : null,
            p.MinPrice, p.Currency, p.SalesCount, p.CreatedAt, p.Attributes,
            CompareAt = p.Variants.OrderBy(v => v.Price).Select(v => v.CompareAtPrice).FirstOrDefault(),
            InStock = p.Variants.Any(v => v.Stock!.OnHand > 0),
            Image = p.Images.OrderBy(i => i.Position).Select(i => new { i.Url, i.AltText }).FirstOrDefault(),
            Options = p.Variants.Select(v => v.Options).ToList(),
        }).ToListAsync(cancellationToken);

        // Templates say which attributes are facets; there are few categories, so one small query.
        var categoryIds = rows.Select(r => r.CategoryId).Distinct().ToList();
        var templates = await db.Categories.AsNoTracking().Where(c => categoryIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.AttributeTemplate, cancellationToken);

        return rows.Select(r =>
        {
            var template = templates.GetValueOrDefault(r.CategoryId) ?? [];
            var facets = new List<KeyValuePair<string, string>>();
            foreach (var definition in template.Where(t => t.IsFacet))
            {
                if (!r.Attributes.TryGetValue(definition.Key, out var value) || string.IsNullOrWhiteSpace(value)) continue;
                var values = definition.Type switch
                {
                    AttributeType.List => value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                    AttributeType.YesNo => [AttributeFormatting.Display(definition, value)], // "Yes"/"No" reads better than true/false
                    _ => [value],
                };
                facets.AddRange(values.Select(v => new KeyValuePair<string, string>(definition.Key, v)));
            }
            // Variant options (size, colour) are facets too.
            foreach (var (name, value) in r.Options.SelectMany(o => o))
                facets.Add(new(name.ToLowerInvariant(), value));
            var attributeText = string.Join(' ', r.Attributes.Values.Concat(r.Options.SelectMany(o => o.Values)).Distinct());
            return new SearchDocument(r.Id, r.Name, r.Slug, r.Brand, r.Description, r.ShopId, r.ShopName, r.ShopSlug,
                r.CategoryId, r.CategoryName, r.CategorySlug, r.ParentSlug, r.MinPrice, r.CompareAt, r.Currency, r.InStock,
                r.SalesCount, r.CreatedAt, r.Image?.Url, r.Image?.AltText ?? r.Name, facets.Distinct().ToList(), attributeText);
        }).ToList();
    }
}
