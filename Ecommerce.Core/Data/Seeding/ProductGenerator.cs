using System.Text;
using Bogus;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Common;
using Ecommerce.Core.Inventory;

namespace Ecommerce.Core.Data.Seeding;

/// <summary>Where generated products go: one shop selling one category.</summary>
internal sealed record SeedSlot(int ShopId, string SkuPrefix, int CategoryId, ProductKind Kind);

/// <summary>
/// A product ready to be written, except for its ids: the slug and SKUs end with the product id, which the
/// writer only knows once it has reserved ids, so the stems are kept here and completed at write time.
/// </summary>
internal sealed record GeneratedProduct(Product Product, string SlugStem, string SkuPrefix);

/// <summary>
/// Turns a kind's <see cref="ProductDraft"/> into entities: variants with retail prices, sales, stock levels,
/// images, dates and a Markdown description. Product number <c>n</c> always gives the same product.
/// </summary>
internal static class ProductGenerator
{
    private const int BaseSeed = 20_240_611;

    public static GeneratedProduct Create(int number, SeedSlot slot, DateTime now)
    {
        var r = new Randomizer(BaseSeed + number);
        var draft = slot.Kind.Create(r, DateOnly.FromDateTime(now));
        var createdAt = now.AddMinutes(-r.Number(60, 365 * 24 * 60));
        var onSale = r.Bool(0.2f);
        var discount = r.Decimal(0.12m, 0.45m);
        var soldOut = r.Bool(0.03f);

        var variantDrafts = draft.Variants.Count > 0 ? draft.Variants : [new VariantDraft([], 0m)];
        var variants = new List<ProductVariant>(variantDrafts.Count);
        for (var i = 0; i < variantDrafts.Count; i++)
        {
            var price = Retail(draft.BasePrice + variantDrafts[i].PriceDelta);
            variants.Add(new ProductVariant
            {
                Sku = "", // completed by the writer
                Options = variantDrafts[i].Options,
                Price = price,
                CompareAtPrice = onSale ? Retail(price / (1 - discount)) : null,
                Position = i,
                Version = Guid.NewGuid(),
                Stock = new StockItem { OnHand = soldOut ? 0 : StockLevel(r), UpdatedAt = createdAt },
            });
        }

        var imageCount = r.Number(1, 3);
        var images = new List<ProductImage>(imageCount);
        for (var i = 0; i < imageCount; i++)
        {
            var view = slot.Kind.Views[i % slot.Kind.Views.Count];
            images.Add(new ProductImage
            {
                Url = ProductArt.ImageUrl(draft.Picture ?? slot.Kind.Slug, r.Number(1, int.MaxValue - 1)),
                AltText = Truncate($"{draft.ImageSubject}, {view}", 300),
                Position = i,
            });
        }

        var tags = draft.Tags.Append(slot.Kind.Name.ToLowerInvariant()).Concat(onSale ? ["sale"] : []).Distinct().Take(8).ToList();
        var product = new Product
        {
            ShopId = slot.ShopId,
            CategoryId = slot.CategoryId,
            Name = Truncate(draft.Name, 200),
            Slug = "", // completed by the writer
            Description = Describe(draft),
            Brand = draft.Brand,
            Tags = tags,
            Options = ProductOption.FromVariants(variants.Select(v => v.Options)),
            Status = r.Bool(0.02f) ? ProductStatus.Draft : ProductStatus.Active,
            Attributes = draft.Attributes,
            MinPrice = variants.Min(v => v.Price),
            Currency = "USD",
            // Few products sell a lot, most sell a little: a long tail like any real shop.
            SalesCount = (int)(Math.Pow(r.Double(), 4) * 5000),
            CreatedAt = createdAt,
            UpdatedAt = createdAt.AddMinutes(r.Number(0, (int)Math.Min(int.MaxValue, (now - createdAt).TotalMinutes))),
            Version = Guid.NewGuid(),
            Variants = variants,
            Images = images,
        };
        return new GeneratedProduct(product, Slug.From(draft.Name, 80), slot.SkuPrefix);
    }

    /// <summary>Prices as shops write them: $4.99, $89.99, $1,299.99.</summary>
    public static decimal Retail(decimal raw)
    {
        if (raw < 1m) return 0.99m;
        if (raw < 200m) return Math.Floor(raw) + 0.99m;
        return Math.Round(raw / 10m) * 10m - 0.01m;
    }

    // Mostly healthy stock, some low (to show "only 3 left") and some sold out.
    private static int StockLevel(Randomizer r) => r.Number(0, 99) switch
    {
        < 8 => 0,
        < 20 => r.Number(1, 5),
        _ => r.Number(6, 250),
    };

    // The attributes are not repeated here: the product page shows them in its own specifications table.
    private static string Describe(ProductDraft draft)
    {
        var sb = new StringBuilder(1024);
        sb.Append(draft.Intro).Append("\n\n## Highlights\n\n");
        foreach (var line in draft.Highlights) sb.Append("- ").Append(line).Append('\n');
        sb.Append("\nSold and shipped by the shop. Questions about sizing, compatibility or delivery? Message us from the shop page.");
        return sb.ToString();
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
