using Ecommerce.Core.Catalog;
using Ecommerce.Core.Search;

namespace Ecommerce.Web.Api;

internal static class SearchEndpoints
{
    /// <summary>The storefront's search over HTTP: the same index and parameters as the /search page.</summary>
    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/search").WithTags("Search").AllowAnonymous();

        group.MapGet("/", async (HttpContext context, ProductListings listings) =>
        {
            // Same query-string contract as /search: q, category, brand, shop, min, max, instock, sale, sort, page, attr.{key}.
            var parameters = SearchParameters.From(context.Request.Query);
            var pageSize = int.TryParse(context.Request.Query["page_size"], out var size) ? Math.Clamp(size, 1, 100) : 24;
            var result = await listings.SearchAsync(parameters.Query with { PageSize = pageSize }, context.RequestAborted);
            return Results.Ok(new
            {
                items = result.Items.Select(i => new
                {
                    id = i.ProductId, name = i.Name, slug = i.Slug, url = $"/p/{i.Slug}", brand = i.Brand,
                    shop = new { id = i.ShopId, name = i.ShopName, slug = i.ShopSlug }, category = i.CategoryName,
                    price = i.Price, compare_at_price = i.CompareAtPrice, currency = i.Currency, in_stock = i.InStock,
                    image_url = i.ImageUrl, image_alt = i.ImageAlt,
                }),
                total = result.Total, page = result.Page, page_size = result.PageSize,
                facets = result.Facets.Select(f => new { key = f.Key, label = f.Label, values = f.Values.Select(v => new { value = v.Value, label = v.Label, count = v.Count }) }),
                did_you_mean = result.DidYouMean,
            });
        }).WithName("SearchProducts").WithSummary("Search products with facets, filters, sorting and paging.");

        group.MapGet("/suggest", async (string? q, ProductSearchIndex index, StorefrontCatalog catalog) =>
        {
            var terms = QueryText.Terms(q);
            if (terms.Count == 0) return Results.Ok(Array.Empty<Suggestion>());
            var prefix = string.Join(' ', terms);
            var categories = (await catalog.CategoriesAsync())
                .Where(c => c.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || c.Name.Split(' ').Any(w => w.StartsWith(terms[^1], StringComparison.OrdinalIgnoreCase)))
                .Take(3).Select(c => new Suggestion("category", c.Name, $"/c/{c.Slug}"));
            var products = index.Suggest(q, 6).Select(p => new Suggestion("product", p.Name, $"/p/{p.Slug}"));
            return Results.Ok(categories.Concat(products));
        }).WithName("SuggestProducts").WithSummary("Products and categories whose names start with what was typed.");

        return endpoints;
    }
}
