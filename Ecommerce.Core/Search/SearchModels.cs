namespace Ecommerce.Core.Search;

/// <summary>What the index stores about a product: enough to rank, filter, facet and show a result card.</summary>
public sealed record SearchDocument(
    int ProductId, string Name, string Slug, string? Brand, string Description,
    int ShopId, string ShopName, string ShopSlug,
    int CategoryId, string CategoryName, string CategorySlug, string? ParentCategorySlug,
    decimal Price, decimal? CompareAtPrice, string Currency, bool InStock, int Sales, DateTime CreatedAt,
    string? ImageUrl, string ImageAlt,
    /// <summary>Facet attributes (colour=Navy, storage=256): what shoppers can filter on.</summary>
    IReadOnlyList<KeyValuePair<string, string>> Facets,
    /// <summary>All attribute values as text, searched with a lower weight than the name.</summary>
    string AttributeText,
    /// <summary>The variants as last read (stock included): the product page while the database is away. Null in
    /// documents written before they were stored.</summary>
    IReadOnlyList<SearchVariant>? Variants = null);

/// <summary>A variant as the index last read it; <see cref="Available"/> is the stock then (OnHand − reserved).</summary>
public sealed record SearchVariant(int Id, string Sku, IReadOnlyDictionary<string, string> Options, decimal Price, decimal? CompareAtPrice, int Available);

public enum SearchSort { Relevance, PriceLow, PriceHigh, Newest, Bestselling }

public sealed record SearchQuery
{
    public string? Text { get; init; }
    public string? Category { get; init; }
    public string? Brand { get; init; }
    public string? Shop { get; init; }
    public decimal? MinPrice { get; init; }
    public decimal? MaxPrice { get; init; }
    public bool InStockOnly { get; init; }
    public bool OnSaleOnly { get; init; }
    /// <summary>Facet attribute filters: key → accepted values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Attributes { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    /// <summary>Only these shops (deliverability: the shops that deliver to the shopper), when set.</summary>
    public IReadOnlyCollection<int>? OnlyShopIds { get; init; }
    public SearchSort Sort { get; init; }
    /// <summary>Count the facets (a listing that shows none skips them).</summary>
    public bool WithFacets { get; init; } = true;
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 24;
}

public sealed record SearchHit(
    int ProductId, string Name, string Slug, string? Brand, int ShopId, string ShopName, string ShopSlug,
    string CategoryName, decimal Price, decimal? CompareAtPrice, string Currency, bool InStock,
    string? ImageUrl, string ImageAlt, string HighlightedName);

public sealed record FacetValue(string Value, string Label, int Count);

public sealed record Facet(string Key, string Label, IReadOnlyList<FacetValue> Values);

public sealed record SearchResult(
    IReadOnlyList<SearchHit> Items, int Total, int Page, int PageSize, IReadOnlyList<Facet> Facets,
    /// <summary>"Did you mean" text when a word of the query is not in the catalogue's vocabulary.</summary>
    string? DidYouMean)
{
    public int PageCount => PageSize == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

public sealed record Suggestion(string Kind, string Text, string Url);

public sealed record SearchIndexStatus(long Documents, long Checkpoint, DateTime? LastBuiltAt);

/// <summary>A rebuild of this node's index (an admin's, or the node's own after an upgrade) and how far it got.</summary>
public sealed class SearchIndexRebuild(string reason, DateTime startedAt)
{
    public string Reason { get; } = reason;
    public DateTime StartedAt { get; } = startedAt;
    public int Done { get; internal set; }
    public int Total { get; internal set; }
    public DateTime? FinishedAt { get; internal set; }
    /// <summary>Why it stopped, when it failed (it is tried again: by the node for an upgrade, by the admin otherwise).</summary>
    public string? Failure { get; internal set; }
    public bool Running => FinishedAt is null && Failure is null;
}
