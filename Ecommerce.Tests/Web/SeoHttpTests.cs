using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Ecommerce.Core.Data.Seeding;
using Ecommerce.Tests.Api;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Ecommerce.Tests.Api.StoreApi;

namespace Ecommerce.Tests.Web;

/// <summary>
/// What search engines read, over real HTTP: each page's own title, description and absolute canonical address;
/// noindex on a shopper's own pages; Product and Organization JSON-LD that parses (and that a hostile product name
/// cannot break out of); robots.txt; the sitemap index, its pages, and a newly registered product in its page.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class SeoHttpTests(WebAppFixture app)
{
    private static readonly XNamespace Sitemaps = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private string Origin => app.BaseAddress.GetLeftPart(UriPartial.Authority);

    private sealed record Head(string Title, string Description, string? Canonical, bool NoIndex, IReadOnlyList<JsonElement> JsonLd, IHtmlDocument Document);

    private static async Task<Head> HeadAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        var document = new HtmlParser().ParseDocument(html);
        var jsonLd = document.QuerySelectorAll("script[type='application/ld+json']")
            .Select(s => JsonDocument.Parse(s.TextContent).RootElement.Clone()).ToList();
        return new Head(document.Title ?? "",
            document.QuerySelector("meta[name=description]")?.GetAttribute("content") ?? "",
            document.QuerySelector("link[rel=canonical]")?.GetAttribute("href"),
            document.QuerySelector("meta[name=robots]")?.GetAttribute("content")?.Contains("noindex") == true,
            jsonLd, document);
    }

    private async Task<(string Category, string Product)> DemoSlugsAsync()
    {
        await using var db = ProductApi.Db(app);
        var product = await db.Products.Where(p => p.Shop!.Slug == DemoSeeder.MainShopSlug).OrderBy(p => p.Id)
            .Select(p => new { p.Slug, Category = p.Category!.Slug }).FirstAsync();
        return (product.Category, product.Slug);
    }

    private async Task<string> SlugAsync(int productId)
    {
        await using var db = ProductApi.Db(app);
        return await db.Products.Where(p => p.Id == productId).Select(p => p.Slug).SingleAsync();
    }

    [Fact]
    public async Task Each_public_page_has_its_own_title_description_and_absolute_canonical()
    {
        var (category, product) = await DemoSlugsAsync();
        var pages = new Dictionary<string, string>
        {
            ["/"] = "/",
            ["/search?q=jacket&page=2&sort=newest&utm_source=news&instock=1"] = "/search?q=jacket",
            ["/search"] = "/search",
            [$"/c/{category}?sort=newest"] = $"/c/{category}",
            [$"/p/{product}?variant=999999"] = $"/p/{product}",
            [$"/s/{DemoSeeder.MainShopSlug}"] = $"/s/{DemoSeeder.MainShopSlug}",
            ["/shops"] = "/shops",
        };
        using var visitor = app.CreateClient();
        var heads = new List<Head>();
        foreach (var (path, canonical) in pages)
        {
            var head = await HeadAsync(visitor, path);
            Assert.False(string.IsNullOrWhiteSpace(head.Title), path);
            Assert.True(head.Description.Length >= 40, $"{path}: description \"{head.Description}\"");
            Assert.Equal(Origin + canonical, head.Canonical);
            Assert.False(head.NoIndex, path);
            heads.Add(head);
        }
        Assert.Equal(heads.Count, heads.Select(h => h.Title).Distinct().Count());
        Assert.Equal(heads.Count, heads.Select(h => h.Description).Distinct().Count());
        Assert.Equal(heads.Count, heads.Select(h => h.Canonical).Distinct().Count());
    }

    [Fact]
    public async Task A_shoppers_own_pages_have_their_own_titles_and_ask_not_to_be_indexed()
    {
        var (shopper, _) = await NewCookieShopperAsync(app);
        var heads = new List<Head>();
        foreach (var path in new[] { "/cart", "/wishlist", "/checkout", "/orders", "/account/addresses" })
        {
            var head = await HeadAsync(shopper, path);
            Assert.True(head.NoIndex, $"{path} has no robots noindex");
            Assert.Null(head.Canonical);
            Assert.False(string.IsNullOrWhiteSpace(head.Description), path);
            heads.Add(head);
        }
        Assert.Equal(heads.Count, heads.Select(h => h.Title).Distinct().Count());
        Assert.Equal(heads.Count, heads.Select(h => h.Description).Distinct().Count());

        using var guest = app.CreateClient();
        var logIn = await HeadAsync(guest, "/Identity/Account/Login");
        var register = await HeadAsync(guest, "/Identity/Account/Register");
        Assert.True(logIn.NoIndex && register.NoIndex, "the Identity pages have no robots noindex");
        Assert.NotEqual(logIn.Description, register.Description);
    }

    [Fact]
    public async Task A_product_page_carries_Product_json_ld_with_its_price_and_availability()
    {
        var inStock = await NewProductAsync(app, stock: 3, price: 37.5m);
        var soldOut = await NewProductAsync(app, stock: 0, price: 12m);
        using var visitor = app.CreateClient();

        var slug = await SlugAsync(inStock.ProductId);
        var product = Assert.Single((await HeadAsync(visitor, $"/p/{slug}")).JsonLd);
        Assert.Equal("https://schema.org", product.GetProperty("@context").GetString());
        Assert.Equal("Product", product.GetProperty("@type").GetString());
        Assert.Equal(inStock.Name, product.GetProperty("name").GetString());
        Assert.Equal($"{Origin}/p/{slug}", product.GetProperty("url").GetString());
        Assert.False(string.IsNullOrWhiteSpace(product.GetProperty("description").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(product.GetProperty("sku").GetString()));
        Assert.Equal("Brand", product.GetProperty("brand").GetProperty("@type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(product.GetProperty("brand").GetProperty("name").GetString()));
        var image = product.GetProperty("image");
        var firstImage = image.ValueKind == JsonValueKind.Array ? image[0].GetString()! : image.GetString()!;
        Assert.StartsWith(Origin + "/", firstImage);
        var offer = Assert.Single(product.GetProperty("offers").EnumerateArray());
        Assert.Equal("37.50", offer.GetProperty("price").GetString());
        Assert.Equal("USD", offer.GetProperty("priceCurrency").GetString());
        Assert.Equal("https://schema.org/InStock", offer.GetProperty("availability").GetString());
        Assert.Equal(product.GetProperty("sku").GetString(), offer.GetProperty("sku").GetString());
        Assert.Equal($"{Origin}/p/{slug}", offer.GetProperty("url").GetString());

        var soldOutLd = Assert.Single((await HeadAsync(visitor, $"/p/{await SlugAsync(soldOut.ProductId)}")).JsonLd);
        var soldOutOffer = Assert.Single(soldOutLd.GetProperty("offers").EnumerateArray());
        Assert.Equal("12.00", soldOutOffer.GetProperty("price").GetString());
        Assert.Equal("https://schema.org/OutOfStock", soldOutOffer.GetProperty("availability").GetString());
    }

    [Fact]
    public async Task A_hostile_product_name_stays_inside_the_json_ld()
    {
        const string hostile = "Evil</script><script>alert('ld')</script><!-- & \"quoted\"";
        using var merchant = ProductApi.Client(app, WebAppFixture.DemoApiKey);
        var created = await ProductApi.CreateAsync(merchant, new { name = hostile, description = "</script><b>x</b>", price_usd = 5, remaining_supply = 2 });
        var slug = await SlugAsync(created.GetProperty("id").GetInt32());

        using var visitor = app.CreateClient();
        var head = await HeadAsync(visitor, $"/p/{slug}");
        var product = Assert.Single(head.JsonLd);
        Assert.Equal(hostile, product.GetProperty("name").GetString());
        Assert.DoesNotContain(head.Document.Scripts, s => s.TextContent.Contains("alert('ld')") && s.Type != "application/ld+json");
        var html = await visitor.GetStringAsync($"/p/{slug}");
        Assert.DoesNotContain("<script>alert('ld')", html);
    }

    [Fact]
    public async Task A_shop_page_carries_Organization_json_ld()
    {
        using var visitor = app.CreateClient();
        var organization = Assert.Single((await HeadAsync(visitor, $"/s/{DemoSeeder.MainShopSlug}")).JsonLd);
        Assert.Equal("Organization", organization.GetProperty("@type").GetString());
        Assert.Equal($"{Origin}/s/{DemoSeeder.MainShopSlug}", organization.GetProperty("url").GetString());
        await using var db = ProductApi.Db(app);
        var shop = await db.Shops.Where(s => s.Slug == DemoSeeder.MainShopSlug).Select(s => new { s.Name, s.LogoUrl }).SingleAsync();
        Assert.Equal(shop.Name, organization.GetProperty("name").GetString());
        if (shop.LogoUrl is not null) Assert.StartsWith(Origin + "/", organization.GetProperty("logo").GetString());
    }

    [Fact]
    public async Task Robots_txt_allows_the_storefront_disallows_personal_and_console_parts_and_names_the_sitemap()
    {
        using var visitor = app.CreateClient();
        var response = await visitor.GetAsync("/robots.txt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.TrimEntries);
        Assert.Equal("User-agent: *", lines[0]);
        Assert.Contains("Allow: /", lines);
        foreach (var path in new[] { "/cart", "/checkout", "/account", "/merchant", "/admin", "/api/" })
            Assert.Contains($"Disallow: {path}", lines);
        Assert.DoesNotContain(lines, l => l is "Disallow: /" or "Disallow: /p/" or "Disallow: /search");
        Assert.Contains($"Sitemap: {Origin}/sitemap.xml", lines);
    }

    [Fact]
    public async Task The_sitemap_index_lists_its_pages_and_a_registered_product_appears_in_its_page()
    {
        using var crawler = app.CreateClient();
        var index = await XmlAsync(crawler, "/sitemap.xml");
        Assert.Equal(Sitemaps + "sitemapindex", index.Root!.Name);
        var sitemaps = index.Root.Elements(Sitemaps + "sitemap").Select(s => s.Element(Sitemaps + "loc")!.Value).ToList();
        Assert.Contains($"{Origin}/sitemap-pages.xml", sitemaps);
        Assert.Contains($"{Origin}/sitemap-products-1.xml", sitemaps);
        var productPages = sitemaps.Count(s => s.Contains("/sitemap-products-"));
        Assert.Equal(404, (int)(await crawler.GetAsync($"/sitemap-products-{productPages + 1}.xml")).StatusCode);

        var pages = Locations(await XmlAsync(crawler, "/sitemap-pages.xml"));
        Assert.Contains($"{Origin}/", pages);
        Assert.Contains($"{Origin}/s/{DemoSeeder.MainShopSlug}", pages);
        var (category, demoProduct) = await DemoSlugsAsync();
        Assert.Contains($"{Origin}/c/{category}", pages);
        var demoProducts = Locations(await XmlAsync(crawler, "/sitemap-products-1.xml"));
        Assert.Contains($"{Origin}/p/{demoProduct}", demoProducts);

        // A product registered now shows up (in the last page: pages follow product ids) once the index has it and
        // the cached copy is evicted.
        var product = await NewProductAsync(app, stock: 2);
        var expected = $"{Origin}/p/{await SlugAsync(product.ProductId)}";
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var last = (await XmlAsync(crawler, "/sitemap.xml")).Root!.Elements(Sitemaps + "sitemap")
                .Select(s => s.Element(Sitemaps + "loc")!.Value).Last(s => s.Contains("/sitemap-products-"));
            if (Locations(await XmlAsync(crawler, new Uri(last).PathAndQuery)).Contains(expected)) break;
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), $"{expected} is not in {last} after 20 s");
            await Task.Delay(500);
        }
    }

    private static async Task<XDocument> XmlAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static HashSet<string> Locations(XDocument urlset) =>
        urlset.Root!.Elements(Sitemaps + "url").Select(u => u.Element(Sitemaps + "loc")!.Value).ToHashSet();
}
