namespace Ecommerce.Core.Catalog;

// What a merchant sends to create or replace a product, from the console, the API or a CSV row.
// Prices and stock here are the merchant's own; shoppers' requests never reach these types.

public sealed record ProductInput
{
    /// <summary>The product as it is, as input: a change to some fields keeps the others.</summary>
    public static ProductInput From(Product p) => new()
    {
        Name = p.Name, Slug = p.Slug, Description = p.Description, Category = p.Category?.Slug, Brand = p.Brand, Tags = p.Tags,
        Status = p.Status, Attributes = p.Attributes, Options = p.Options,
        Variants = p.Variants.Select(v => new VariantInput
        {
            Id = v.Id, Sku = v.Sku, Options = v.Options, Price = v.Price, CompareAtPrice = v.CompareAtPrice, Stock = v.Stock?.OnHand ?? 0,
        }).ToList(),
        Images = p.Images.Select(i => new ImageInput(i.Url, i.AltText)).ToList(),
        Currency = p.Currency,
    };

    public string Name { get; init; } = "";
    /// <summary>Optional; made from the name when empty. Must be unique on the platform.</summary>
    public string? Slug { get; init; }
    public string? Description { get; init; }
    /// <summary>Category slug; the platform's "other" category when empty.</summary>
    public string? Category { get; init; }
    public string? Brand { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public ProductStatus Status { get; init; } = ProductStatus.Active;
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
    /// <summary>Options the variants vary by; when given without variants, one variant per combination is made.</summary>
    public IReadOnlyList<ProductOption>? Options { get; init; }
    /// <summary>At least one, unless Options generate them.</summary>
    public IReadOnlyList<VariantInput> Variants { get; init; } = [];
    public IReadOnlyList<ImageInput>? Images { get; init; }
    /// <summary>Optional; when given it must be the marketplace's currency (the platform.currency setting).</summary>
    public string? Currency { get; init; }
}

public sealed record VariantInput
{
    /// <summary>An existing variant to keep (its id); null for a new one.</summary>
    public int? Id { get; init; }
    /// <summary>Optional; generated when empty. Unique on the platform.</summary>
    public string? Sku { get; init; }
    public IReadOnlyDictionary<string, string>? Options { get; init; }
    public decimal Price { get; init; }
    public decimal? CompareAtPrice { get; init; }
    public int Stock { get; init; }
    /// <summary>An existing variant keeps its on-hand count whatever <see cref="Stock"/> says (a CSV row with no stock).</summary>
    public bool KeepStock { get; init; }
}

public sealed record ImageInput(string Url, string? AltText);
