using System.Globalization;
using Ecommerce.Core.Catalog;

namespace Ecommerce.Web.Components.Merchant.Products;

/// <summary>
/// The editor's mutable copy of a product: what the fields bind to, turned into a <see cref="ProductInput"/> on save.
/// Kept apart from the entity so nothing the merchant types touches tracked data before ProductCommands checks it.
/// </summary>
public sealed class ProductForm
{
    public string Name { get; set; } = "";
    public string? Slug { get; set; }
    public string Description { get; set; } = "";
    public string? Category { get; set; }
    public string? Brand { get; set; }
    /// <summary>Comma-separated, as typed.</summary>
    public string Tags { get; set; } = "";
    public ProductStatus Status { get; set; } = ProductStatus.Draft;
    public Dictionary<string, string> Attributes { get; set; } = [];
    public List<ImageRow> Images { get; } = [];
    public List<OptionRow> Options { get; } = [];
    public List<VariantRow> Variants { get; } = [];

    public sealed class ImageRow { public string Url { get; set; } = ""; public string AltText { get; set; } = ""; }

    public sealed class OptionRow
    {
        public string Name { get; set; } = "";
        /// <summary>Comma-separated values (S, M, L).</summary>
        public string Values { get; set; } = "";
    }

    public sealed class VariantRow
    {
        public int? Id { get; set; }
        public string Sku { get; set; } = "";
        public Dictionary<string, string> Options { get; set; } = [];
        public decimal Price { get; set; }
        public decimal? CompareAtPrice { get; set; }
        public int Stock { get; set; }
        public string Title => Options.Count == 0 ? "Default" : string.Join(" / ", Options.Values);
    }

    public static ProductForm New() => new() { Variants = { new VariantRow() } };

    public static ProductForm From(Product p)
    {
        var form = new ProductForm
        {
            Name = p.Name, Slug = p.Slug, Description = p.Description, Category = p.Category?.Slug, Brand = p.Brand,
            Tags = string.Join(", ", p.Tags), Status = p.Status, Attributes = new Dictionary<string, string>(p.Attributes),
        };
        form.Images.AddRange(p.Images.Select(i => new ImageRow { Url = i.Url, AltText = i.AltText }));
        form.Options.AddRange(p.Options.Select(o => new OptionRow { Name = o.Name, Values = string.Join(", ", o.Values) }));
        form.Variants.AddRange(p.Variants.Select(v => new VariantRow
        {
            Id = v.Id, Sku = v.Sku, Options = new Dictionary<string, string>(v.Options), Price = v.Price,
            CompareAtPrice = v.CompareAtPrice, Stock = v.Stock?.OnHand ?? 0,
        }));
        return form;
    }

    public List<ProductOption> ParsedOptions() => Options
        .Where(o => !string.IsNullOrWhiteSpace(o.Name))
        .Select(o => new ProductOption
        {
            Name = o.Name.Trim(),
            Values = o.Values.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList(),
        })
        .ToList();

    /// <summary>
    /// One variant per combination of the options' values. A combination that already had a variant keeps it
    /// (its id, SKU, price and stock); new ones start at the first variant's price.
    /// </summary>
    public void GenerateVariants()
    {
        var template = Variants.FirstOrDefault() ?? new VariantRow();
        var generated = ProductOption.Combinations(ParsedOptions()).Select(options =>
            Variants.FirstOrDefault(v => SameOptions(v.Options, options))
            ?? new VariantRow { Options = options, Price = template.Price, CompareAtPrice = template.CompareAtPrice }).ToList();
        Variants.Clear();
        Variants.AddRange(generated);
    }

    public ProductInput ToInput() => new()
    {
        Name = Name, Slug = string.IsNullOrWhiteSpace(Slug) ? null : Slug.Trim(), Description = Description,
        Category = Category, Brand = Brand, Status = Status, Attributes = Attributes,
        Tags = Tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        Options = ParsedOptions(),
        Images = Images.Where(i => !string.IsNullOrWhiteSpace(i.Url)).Select(i => new ImageInput(i.Url.Trim(), i.AltText)).ToList(),
        Variants = Variants.Select(v => new VariantInput
        {
            Id = v.Id, Sku = string.IsNullOrWhiteSpace(v.Sku) ? null : v.Sku.Trim(), Options = v.Options,
            Price = v.Price, CompareAtPrice = v.CompareAtPrice, Stock = v.Stock,
        }).ToList(),
    };

    /// <summary>An attribute value as the template stores it (see AttributeDefinition): invariant numbers, yyyy-MM-dd.</summary>
    public static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool SameOptions(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var value) && value == kv.Value);
}
