using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Shops;
using Ecommerce.Web.Components.Shared;

namespace Ecommerce.Web.Components.Storefront.Seo;

/// <summary>
/// schema.org JSON-LD for search engines: a product page's Product with its offers, a shop page's Organization, the
/// home page's WebSite with its search. Built as JSON nodes and written by System.Text.Json with its default encoder,
/// which escapes &lt; &gt; &amp; and quotes: merchant text (a name holding "&lt;/script&gt;") cannot end the script element.
/// </summary>
public static class StructuredData
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Default };

    /// <summary>The JSON text to place inside &lt;script type="application/ld+json"&gt;, safe in HTML.</summary>
    public static string Serialize(JsonNode node) => node.ToJsonString(Json);

    /// <summary>
    /// The product with one offer per variant (its SKU, price at a running flash sale if any, currency, stock, address).
    /// The brand is the product's own, else the shop that sells it, which is also each offer's seller.
    /// </summary>
    public static JsonObject Product(ProductDetails product, string pageUrl, Func<string, string> absolute,
        IReadOnlyDictionary<int, decimal>? salePrices = null, string? description = null)
    {
        var seller = new JsonObject { ["@type"] = "Organization", ["name"] = product.ShopName, ["url"] = absolute($"/s/{product.ShopSlug}") };
        var offers = new JsonArray();
        foreach (var variant in product.Variants)
        {
            var price = salePrices?.GetValueOrDefault(variant.Id) is { } sale && sale > 0 && sale < variant.Price ? sale : variant.Price;
            offers.Add(new JsonObject
            {
                ["@type"] = "Offer",
                ["sku"] = variant.Sku,
                ["price"] = price.ToString("0.00", CultureInfo.InvariantCulture),
                ["priceCurrency"] = variant.Currency,
                ["availability"] = variant.Available > 0 ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
                ["itemCondition"] = "https://schema.org/NewCondition",
                ["url"] = product.Variants.Count > 1 ? $"{pageUrl}?variant={variant.Id}" : pageUrl,
                ["seller"] = seller.DeepClone(),
            });
        }
        var images = new JsonArray();
        foreach (var image in product.Images.OrderBy(i => i.Position)) images.Add(absolute(image.Url));
        return new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Product",
            ["name"] = product.Name,
            ["description"] = description ?? MerchantMarkdown.ToPlainText(product.Description, 5000),
            ["sku"] = product.Variants.Count > 0 ? product.Variants[0].Sku : null,
            ["image"] = images.Count > 0 ? images : JsonValue.Create(absolute("/images/placeholder.svg")),
            ["brand"] = new JsonObject { ["@type"] = "Brand", ["name"] = product.Brand is { Length: > 0 } brand ? brand : product.ShopName },
            ["category"] = product.Category.Name,
            ["url"] = pageUrl,
            ["offers"] = offers,
        };
    }

    /// <summary>The shop as an Organization: name, logo, address and description.</summary>
    public static JsonObject Organization(ShopSummary shop, string pageUrl, Func<string, string> absolute)
    {
        var organization = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Organization",
            ["name"] = shop.Name,
            ["url"] = pageUrl,
            ["description"] = MerchantMarkdown.ToPlainText(shop.Description, 500),
        };
        if (shop.LogoUrl is { Length: > 0 } logo) organization["logo"] = absolute(logo);
        return organization;
    }

    /// <summary>The site with its search box (search engines may offer it under the site's result).</summary>
    public static JsonObject WebSite(string name, Func<string, string> absolute) => new()
    {
        ["@context"] = "https://schema.org",
        ["@type"] = "WebSite",
        ["name"] = name,
        ["url"] = absolute("/"),
        ["potentialAction"] = new JsonObject
        {
            ["@type"] = "SearchAction",
            ["target"] = absolute("/search") + "?q={search_term_string}",
            ["query-input"] = "required name=search_term_string",
        },
    };
}
