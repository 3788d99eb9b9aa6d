namespace Ecommerce.Core.Search;

/// <summary>
/// The index's per-document values in memory, in arrays indexed by product id: what filters, facets, sorting and
/// ranking read for every matching document, a few array reads per match, with no per-segment lookups. Loaded from
/// the stored documents when the index opens and kept current by every write.
/// Strings (category, brand, shop, attribute values) are stored once and referred to by ordinal.
/// About 60 bytes a product, plus its attribute values. Only <see cref="ProductSearchIndex"/> changes them, under its lock.
/// </summary>
internal sealed class SearchDocValues
{
    public const byte Present = 1, InStockFlag = 2, OnSaleFlag = 4;

    public byte[] Flags = [];
    public double[] Prices = [];
    public int[] Sales = [];
    /// <summary>The ranking's sales boost, 1 + 0.05 ln(1 + sales), computed once per document instead of once per match.</summary>
    public double[] SalesBoosts = [];
    public long[] Created = [];
    public int[] Categories = [];
    public int[] Brands = [];
    public int[] Shops = [];
    public int[]?[] Attributes = [];
    public int Count { get; private set; }
    /// <summary>One past the highest product id seen (the arrays may be longer).</summary>
    public int Limit { get; private set; }

    public readonly Ordinals<CategoryValue> CategoryValues = new();
    public readonly Ordinals<string> BrandValues = new();
    public readonly Ordinals<ShopValue> ShopValues = new();
    public readonly Ordinals<AttributeValue> AttributeValues = new();
    /// <summary>The attribute key of each attribute value ordinal, itself as an ordinal of <see cref="AttributeKeys"/>.</summary>
    public readonly List<int> AttributeKeyOf = [];
    public readonly Ordinals<string> AttributeKeys = new();

    public readonly record struct CategoryValue(string Slug, string Name, string? ParentSlug);
    public readonly record struct ShopValue(int Id, string Slug, string Name);
    public readonly record struct AttributeValue(string Key, string Value);

    public bool Contains(int id) => (uint)id < (uint)Flags.Length && (Flags[id] & Present) != 0;

    public void Set(SearchDocument d) => Set(d.ProductId, new CategoryValue(d.CategorySlug, d.CategoryName, d.ParentCategorySlug), d.Brand,
        new ShopValue(d.ShopId, d.ShopSlug, d.ShopName), (double)d.Price, d.CompareAtPrice is { } c ? (double)c : null, d.InStock, d.Sales,
        d.CreatedAt.Ticks, d.Facets);

    public void Set(int id, CategoryValue category, string? brand, ShopValue shop, double price, double? compareAt, bool inStock, int sales,
        long createdTicks, IEnumerable<KeyValuePair<string, string>> attributes)
    {
        Ensure(id);
        if ((Flags[id] & Present) == 0) Count++;
        Flags[id] = (byte)(Present | (inStock ? InStockFlag : 0) | (compareAt is { } c && c > price ? OnSaleFlag : 0));
        Prices[id] = price;
        Sales[id] = sales;
        SalesBoosts[id] = 1.0 + 0.05 * Math.Log(1 + sales);
        Created[id] = createdTicks;
        Categories[id] = CategoryValues.Of(category);
        Brands[id] = brand is null ? -1 : BrandValues.Of(brand);
        Shops[id] = ShopValues.Of(shop);
        List<int>? ordinals = null;
        foreach (var (key, value) in attributes)
        {
            var ordinal = AttributeValues.Of(new AttributeValue(key, value));
            if (ordinal == AttributeKeyOf.Count) AttributeKeyOf.Add(AttributeKeys.Of(key));
            ordinals ??= [];
            if (!ordinals.Contains(ordinal)) ordinals.Add(ordinal);
        }
        Attributes[id] = ordinals?.ToArray();
    }

    public void Remove(int id)
    {
        if (!Contains(id)) return;
        Flags[id] = 0;
        Attributes[id] = null;
        Count--;
    }

    private void Ensure(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        if (id >= Limit) Limit = id + 1;
        if (id < Flags.Length) return;
        var size = Math.Max(id + 1, Math.Max(1024, Flags.Length * 2));
        Array.Resize(ref Flags, size);
        Array.Resize(ref Prices, size);
        Array.Resize(ref Sales, size);
        Array.Resize(ref SalesBoosts, size);
        Array.Resize(ref Created, size);
        Array.Resize(ref Categories, size);
        Array.Resize(ref Brands, size);
        Array.Resize(ref Shops, size);
        Array.Resize(ref Attributes, size);
    }
}

/// <summary>Distinct values numbered in the order they were first seen.</summary>
internal sealed class Ordinals<T> where T : notnull
{
    private readonly Dictionary<T, int> _ordinals = [];
    public readonly List<T> Values = [];

    public int Count => Values.Count;

    public int Of(T value)
    {
        if (_ordinals.TryGetValue(value, out var ordinal)) return ordinal;
        ordinal = Values.Count;
        _ordinals.Add(value, ordinal);
        Values.Add(value);
        return ordinal;
    }

    public int Find(T value) => _ordinals.GetValueOrDefault(value, -1);
}
