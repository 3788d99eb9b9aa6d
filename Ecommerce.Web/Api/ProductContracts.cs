using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Common;
using Ecommerce.Core.Media;

namespace Ecommerce.Web.Api;

// The product API's wire format: snake_case names set here (not through global JSON options, which the pages'
// endpoints share), numbers only as JSON numbers. Mapping to Core's ProductInput and back lives here too.

/// <summary>
/// A product to create or replace (or, for PATCH, the fields to change). The flat form — price_usd,
/// remaining_supply and optionally sku / compare_at_price_usd — makes one variant when <c>variants</c> is absent.
/// </summary>
[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed class ProductRequest
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("slug")] public string? Slug { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    /// <summary>Category slug; the platform's "other" category when absent.</summary>
    [JsonPropertyName("category")] public string? Category { get; init; }
    [JsonPropertyName("brand")] public string? Brand { get; init; }
    [JsonPropertyName("tags")] public List<string>? Tags { get; init; }
    /// <summary>draft, active (default) or archived.</summary>
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("attributes")] public Dictionary<string, string>? Attributes { get; init; }
    [JsonPropertyName("options")] public List<OptionDto>? Options { get; init; }
    [JsonPropertyName("variants")] public List<VariantRequest>? Variants { get; init; }
    [JsonPropertyName("images")] public List<ImageDto>? Images { get; init; }
    [JsonPropertyName("price_usd")] public decimal? PriceUsd { get; init; }
    [JsonPropertyName("compare_at_price_usd")] public decimal? CompareAtPriceUsd { get; init; }
    [JsonPropertyName("remaining_supply")] public int? RemainingSupply { get; init; }
    [JsonPropertyName("sku")] public string? Sku { get; init; }
    /// <summary>Optional; the marketplace's currency (platform.currency) is the only one accepted: prices are in it.</summary>
    [JsonPropertyName("currency")] public string? Currency { get; init; }
    /// <summary>The version last read; makes PUT/PATCH conditional like an If-Match header.</summary>
    [JsonPropertyName("version")] public Guid? Version { get; init; }

    [JsonIgnore] public bool IsFlat => Variants is null;
    [JsonIgnore] public bool HasFlatVariantFields => PriceUsd is not null || CompareAtPriceUsd is not null || RemainingSupply is not null || Sku is not null;
}

[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed class VariantRequest
{
    /// <summary>An existing variant to keep (PUT/PATCH); absent for a new one.</summary>
    [JsonPropertyName("id")] public int? Id { get; init; }
    [JsonPropertyName("sku")] public string? Sku { get; init; }
    [JsonPropertyName("options")] public Dictionary<string, string>? Options { get; init; }
    [JsonPropertyName("price_usd")] public decimal? PriceUsd { get; init; }
    [JsonPropertyName("compare_at_price_usd")] public decimal? CompareAtPriceUsd { get; init; }
    [JsonPropertyName("remaining_supply")] public int? RemainingSupply { get; init; }
}

public sealed record OptionDto([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("values")] List<string> Values);

public sealed record ImageDto([property: JsonPropertyName("url")] string Url, [property: JsonPropertyName("alt_text")] string? AltText);

/// <summary>An image appended to a product: its address, alt text, place in the gallery (0 is the cover) and renditions.</summary>
public sealed record ProductImageResponse(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("alt_text")] string? AltText,
    [property: JsonPropertyName("position")] int Position,
    [property: JsonPropertyName("sizes")] ImageSizesResponse? Sizes);

[JsonNumberHandling(JsonNumberHandling.Strict)]
public sealed class StockRequest
{
    /// <summary>Optional when the product has a single variant.</summary>
    [JsonPropertyName("variant_id")] public int? VariantId { get; init; }
    /// <summary>Sets the on-hand count (a stock take)…</summary>
    [JsonPropertyName("remaining_supply")] public int? RemainingSupply { get; init; }
    /// <summary>…or adds to it (negative removes). Exactly one of the two.</summary>
    [JsonPropertyName("delta")] public int? Delta { get; init; }
    [JsonPropertyName("reason")] public string? Reason { get; init; }
}

public sealed record StockResponse(
    [property: JsonPropertyName("product_id")] int ProductId,
    [property: JsonPropertyName("variant_id")] int VariantId,
    [property: JsonPropertyName("remaining_supply")] int RemainingSupply);

public sealed record VariantResponse(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("sku")] string Sku,
    [property: JsonPropertyName("options")] Dictionary<string, string> Options,
    [property: JsonPropertyName("price_usd")] decimal PriceUsd,
    [property: JsonPropertyName("compare_at_price_usd")] decimal? CompareAtPriceUsd,
    [property: JsonPropertyName("remaining_supply")] int RemainingSupply);

public sealed record ProductResponse(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("slug")] string Slug,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("category")] string? Category,
    [property: JsonPropertyName("brand")] string? Brand,
    [property: JsonPropertyName("tags")] List<string> Tags,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("attributes")] Dictionary<string, string> Attributes,
    [property: JsonPropertyName("options")] List<OptionDto> Options,
    [property: JsonPropertyName("variants")] List<VariantResponse> Variants,
    [property: JsonPropertyName("images")] List<ImageResponse> Images,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("version")] Guid Version,
    [property: JsonPropertyName("created_at")] DateTime CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTime UpdatedAt)
{
    public static ProductResponse From(Product p, MediaFolder media) => new(
        p.Id, p.Slug, $"/p/{p.Slug}", p.Name, p.Description, p.Category?.Slug, p.Brand, p.Tags, p.Status.ToString().ToLowerInvariant(),
        p.Attributes, p.Options.Select(o => new OptionDto(o.Name, o.Values)).ToList(),
        p.Variants.Select(v => new VariantResponse(v.Id, v.Sku, v.Options, v.Price, v.CompareAtPrice, v.Stock?.OnHand ?? 0)).ToList(),
        p.Images.Select(i => ImageResponse.Of(media, i.Url, i.AltText)).ToList(),
        p.Currency, p.Version, DateTime.SpecifyKind(p.CreatedAt, DateTimeKind.Utc), DateTime.SpecifyKind(p.UpdatedAt, DateTimeKind.Utc));
}

public sealed record ProductPageResponse(
    [property: JsonPropertyName("items")] List<ProductResponse> Items,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("page_size")] int PageSize,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("page_count")] int PageCount);

/// <summary>Between the wire format and Core's <see cref="ProductInput"/>, including Core's field names in errors.</summary>
public static partial class ProductWire
{
    /// <summary>A full product (POST, PUT). Invalid values are passed on for Core to report with everything else.</summary>
    public static ProductInput ToInput(ProductRequest r) => Overlay(new ProductInput(), r);

    /// <summary>The current product as input, so a PATCH can change only what it names.</summary>
    public static ProductInput ToInput(Product p) => ProductInput.From(p);

    /// <summary>
    /// <paramref name="input"/> with the fields <paramref name="r"/> gives. The flat price/stock fields change the one
    /// variant there is (keeping its id, so stock changes are recorded as such) or make it.
    /// </summary>
    public static ProductInput Overlay(ProductInput input, ProductRequest r)
    {
        var variants = input.Variants;
        if (r.Variants is not null)
        {
            variants = r.Variants.Select(v => new VariantInput
            {
                Id = v.Id, Sku = v.Sku, Options = v.Options, Price = v.PriceUsd ?? 0, CompareAtPrice = v.CompareAtPriceUsd, Stock = v.RemainingSupply ?? 0,
            }).ToList();
        }
        else if (r.HasFlatVariantFields || variants.Count == 0)
        {
            if (variants.Count > 1) throw ValidationException.For("variants", $"the product has {variants.Count} variants: send variants (with their ids) instead of price_usd / remaining_supply");
            var current = variants.FirstOrDefault() ?? new VariantInput();
            variants = [current with
            {
                Sku = r.Sku ?? current.Sku, Price = r.PriceUsd ?? current.Price,
                CompareAtPrice = r.CompareAtPriceUsd ?? current.CompareAtPrice, Stock = r.RemainingSupply ?? current.Stock,
            }];
        }
        return input with
        {
            Name = r.Name ?? input.Name,
            Slug = r.Slug ?? input.Slug,
            Description = r.Description ?? input.Description,
            Category = r.Category ?? input.Category,
            Brand = r.Brand ?? input.Brand,
            Tags = r.Tags ?? input.Tags,
            Status = r.Status is null ? input.Status : ParseStatus(r.Status),
            Attributes = r.Attributes ?? input.Attributes,
            // Variants with options imply the options when none are given (Size: M, L → option Size).
            Options = r.Options?.Select(o => new ProductOption { Name = o.Name ?? "", Values = o.Values ?? [] }).ToList()
                ?? (r.Variants is not null ? ProductOption.FromVariants(variants.Select(v => v.Options ?? new Dictionary<string, string>())) : input.Options),
            Variants = variants,
            Images = r.Images?.Select(i => new ImageInput(i.Url, i.AltText)).ToList() ?? input.Images,
            Currency = r.Currency ?? input.Currency,
        };
    }

    // An unknown status becomes an undefined value, which Core's validator reports with the other fields.
    private static ProductStatus ParseStatus(string status) =>
        status.Length > 0 && char.IsAsciiLetter(status[0]) && Enum.TryParse<ProductStatus>(status, ignoreCase: true, out var parsed) ? parsed : (ProductStatus)(-1);

    /// <summary>Core's field name on the wire: variants[0].price → variants[0].price_usd; flat requests name the flat fields.</summary>
    public static Func<string, string> FieldNames(ProductRequest? request) => field =>
    {
        if (field.StartsWith("attributes.", StringComparison.Ordinal)) return field; // the merchant's own keys
        if (request is { IsFlat: true } && field.StartsWith("variants[0].", StringComparison.Ordinal)) field = field["variants[0].".Length..];
        return CoreName().Replace(field, m => Renames.GetValueOrDefault(m.Value, m.Value));
    };

    private static readonly Dictionary<string, string> Renames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["price"] = "price_usd", ["compareAtPrice"] = "compare_at_price_usd", ["stock"] = "remaining_supply",
        ["onHand"] = "remaining_supply", ["altText"] = "alt_text",
    };

    [GeneratedRegex(@"(?<=^|\.)[A-Za-z]+(?=$|\[|\.)")]
    private static partial Regex CoreName();
}
