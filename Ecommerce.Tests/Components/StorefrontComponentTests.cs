using Bunit;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Data;
using Ecommerce.Core.Media;
using Ecommerce.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Components;

/// <summary>Storefront building blocks rendered with bunit.</summary>
public sealed class StorefrontComponentTests : BunitContext
{
    public StorefrontComponentTests() =>
        // Pictures are looked up in an empty media folder: the cards here show addresses that are not uploads.
        Services.AddSingleton(new MediaFolder(new DatabaseSettings(DatabaseProvider.Sqlite, "", Path.Combine(Path.GetTempPath(), "no-media"))));

    private static ProductCard Card(bool inStock = true, decimal? was = null) =>
        new(1, "Trail Runner 2", "trail-runner-2", "Northpeak", "Peak Outfitters", "peak", 89.5m, was, "USD", "/img/1.svg", "Trail Runner 2, side view", inStock);

    [Fact]
    public void A_product_card_links_to_the_product_and_shows_its_price()
    {
        var cut = Render<ProductCardView>(p => p.Add(c => c.Product, Card()));
        Assert.Equal("/p/trail-runner-2", cut.Find("a.product-card-link").GetAttribute("href"));
        Assert.Equal("Trail Runner 2, side view", cut.Find("img").GetAttribute("alt"));
        Assert.Equal("$89.50", cut.Find(".price-now").TextContent);
        Assert.Empty(cut.FindAll(".price-was"));
        Assert.Empty(cut.FindAll(".sold-out"));
    }

    [Fact]
    public void A_product_card_shows_the_old_price_and_sold_out()
    {
        var cut = Render<ProductCardView>(p => p.Add(c => c.Product, Card(inStock: false, was: 120m)));
        Assert.Contains("$120.00", cut.Find(".price-was").TextContent);
        Assert.Equal("Sold out", cut.Find(".sold-out").TextContent);
    }

    [Theory]
    [InlineData(0, "Sold out")]
    [InlineData(3, "Only 3 left")]
    [InlineData(40, "In stock")]
    public void Stock_status_says_how_many_are_left(int available, string text)
    {
        var cut = Render<StockStatus>(p => p.Add(c => c.Available, available));
        Assert.Equal(text, cut.Find("p").TextContent);
    }

    [Fact]
    public void Merchant_markdown_formats_but_never_injects_html()
    {
        var cut = Render<MarkdownView>(p => p.Add(c => c.Text, "**Bold** text\n\n<script>alert(1)</script><img src=x onerror=alert(1)>"));
        Assert.Single(cut.FindAll("strong"));
        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("img"));
        Assert.Contains("&lt;script&gt;", cut.Markup);
    }

    [Fact]
    public void The_pager_links_to_neighbouring_pages_only_where_they_exist()
    {
        var first = Render<Pager>(p => p.Add(c => c.Page, 1).Add(c => c.PageCount, 3).Add(c => c.Link, n => $"/c/x?page={n}"));
        Assert.Single(first.FindAll("a"));
        Assert.Equal("/c/x?page=2", first.Find("a[rel=next]").GetAttribute("href"));

        var middle = Render<Pager>(p => p.Add(c => c.Page, 2).Add(c => c.PageCount, 3).Add(c => c.Link, n => $"/c/x?page={n}"));
        Assert.Equal(2, middle.FindAll("a").Count);

        var single = Render<Pager>(p => p.Add(c => c.Page, 1).Add(c => c.PageCount, 1).Add(c => c.Link, n => ""));
        Assert.Empty(single.FindAll("nav"));
    }
}
