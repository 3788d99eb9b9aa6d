using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Data;
using Ecommerce.Core.Inventory;
using Ecommerce.Core.Shops;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Search;

/// <summary>
/// Reads products from the database in the shape the index stores. Only visible products become documents.
/// A batch costs four flat queries whatever its size (products with their shop; their variants with stock; their
/// first images; the categories), never one per product, and the documents are assembled in memory.
/// The rows are read with plain commands on the context's connection rather than EF Core queries: a rebuild reads
/// every product, and EF's materialisation was half of the loader's time (README, "Benchmarks"). The SQL is the
/// same on every provider (snake_case names) but for the page limit (<see cref="Limit"/>); only money is stored
/// differently (see <see cref="Money"/>).
/// </summary>
public sealed class SearchDocumentLoader(IDbContextFactory<AppDbContext> contexts)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web); // as JsonColumnExtensions stores them

    /// <summary>The documents of these products; ids missing from the result are not (or no longer) visible.</summary>
    public async Task<List<SearchDocument>> LoadAsync(IReadOnlyCollection<int> productIds, CancellationToken cancellationToken = default)
    {
        if (productIds.Count == 0) return [];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await OpenAsync(db, cancellationToken);
        var products = new List<ProductRow>();
        var variants = new List<VariantRow>();
        var images = new List<ImageRow>();
        var strings = new LoadedStrings();
        // Integers only: nothing from outside reaches this SQL.
        foreach (var chunk in productIds.Distinct().Chunk(1000))
        {
            var list = string.Join(",", chunk.Select(i => i.ToString(CultureInfo.InvariantCulture)));
            await ReadProductsAsync(IntegerMoney(db), connection, $"p.id IN ({list})", null, strings, products, cancellationToken);
            await ReadVariantsAsync(IntegerMoney(db), connection, $"v.product_id IN ({list})", null, strings, variants, cancellationToken);
            await ReadFirstImagesAsync(connection, $"product_id IN ({list})", null, images, cancellationToken);
        }
        products.RemoveAll(p => !p.Visible);
        return Assemble(products, variants, images, await CategoriesAsync(connection, cancellationToken));
    }

    /// <summary>
    /// The next <paramref name="size"/> products in id order (keyset paging: fast at any depth), as documents of the
    /// visible ones, for a rebuild. Continue after <see cref="DocumentPage.LastId"/> until <see cref="DocumentPage.IsLast"/>.
    /// </summary>
    public async Task<DocumentPage> LoadPageAsync(int afterId, int size, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await OpenAsync(db, cancellationToken);
        var scanned = new List<ProductRow>(size);
        var strings = new LoadedStrings();
        await ReadProductsAsync(IntegerMoney(db), connection, $"p.id > @after ORDER BY p.id {Limit(db.Provider, size)}", [afterId], strings, scanned, cancellationToken);
        if (scanned.Count == 0) return new DocumentPage([], afterId, true);
        // The page's id range: its variants and images are read by range (an index scan), not by a list of ids.
        var last = scanned[^1].Id;
        var variants = new List<VariantRow>(scanned.Count * 4);
        var images = new List<ImageRow>(scanned.Count);
        await ReadVariantsAsync(IntegerMoney(db), connection, "v.product_id > @after AND v.product_id <= @last", [afterId, last], strings, variants, cancellationToken);
        await ReadFirstImagesAsync(connection, "product_id > @after AND product_id <= @last", [afterId, last], images, cancellationToken);
        var products = scanned.Where(p => p.Visible).ToList();
        return new DocumentPage(Assemble(products, variants, images, await CategoriesAsync(connection, cancellationToken)), last, scanned.Count < size);
    }

    private static async Task<DbConnection> OpenAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken); // closed with the context
        return db.Database.GetDbConnection();
    }

    private sealed record ProductRow(int Id, string Name, string Slug, string? Brand, string Description, int ShopId, string ShopName, string ShopSlug,
        int CategoryId, decimal MinPrice, string Currency, int SalesCount, DateTime CreatedAt, KeyValuePair<string, string>[] Attributes, bool Visible);

    private sealed record VariantRow(int ProductId, int Id, decimal Price, decimal? CompareAtPrice, int Position, KeyValuePair<string, string>[] Options, int OnHand,
        int Reserved, string Sku);

    private sealed record ImageRow(int ProductId, string Url, string AltText);

    private sealed record CategoryRow(int Id, string Name, string Slug, string? ParentSlug, List<AttributeDefinition> Template);

    // Visible (active, in an active shop) is computed from selected columns in memory, on purpose: with the statuses
    // in the WHERE clause, SQLite's planner picks the index on status and reads every active product to find a page
    // or a few ids (what made a rebuild take a minute at 100,000 products).
    private static string ProductsSql(string where) => $"""
        SELECT p.id, p.name, p.slug, p.brand, p.description, p.shop_id, s.name, s.slug, p.category_id, p.min_price, p.currency,
               p.sales_count, p.created_at, p.attributes, p.status, p.unlisted_at, s.status
          FROM products p JOIN shops s ON s.id = p.shop_id
         WHERE {where}
        """;

    /// <summary>The clause after ORDER BY that keeps a page's first rows: SQL Server has no LIMIT.</summary>
    private static string Limit(DatabaseProvider provider, int size) => provider == DatabaseProvider.SqlServer
        ? $"OFFSET 0 ROWS FETCH NEXT {size.ToString(CultureInfo.InvariantCulture)} ROWS ONLY"
        : $"LIMIT {size.ToString(CultureInfo.InvariantCulture)}";

    private static async Task ReadProductsAsync(bool integerMoney, DbConnection connection, string where, int[]? arguments, LoadedStrings strings, List<ProductRow> rows, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, ProductsSql(where), arguments);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var shops = new Dictionary<int, (string Name, string Slug)>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(ProductOf(integerMoney, reader, strings, shops));
    }

    // The per-row reads are separate methods compiled fully optimised from the start: an async method's loop runs
    // only a few times per rebuild page, so .NET's tiered compilation left most rows to unoptimised code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ProductRow ProductOf(bool integerMoney, DbDataReader reader, LoadedStrings strings, Dictionary<int, (string Name, string Slug)> shops)
    {
        var visible = ProductVisibility.Sold((ProductStatus)reader.GetInt32(14), reader.IsDBNull(15) ? null : reader.GetDateTime(15), (ShopStatus)reader.GetInt32(16));
        // A shop's name and slug are read from its first product's row only: the rest of its products share them.
        var shopId = reader.GetInt32(5);
        if (!shops.TryGetValue(shopId, out var shop)) shops[shopId] = shop = (reader.GetString(6), reader.GetString(7));
        return new ProductRow(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.GetString(4), shopId, shop.Name, shop.Slug, reader.GetInt32(8), Money(integerMoney, reader, 9),
            reader.GetString(10), reader.GetInt32(11), DateTime.SpecifyKind(reader.GetDateTime(12), DateTimeKind.Utc), // stored as UTC
            strings.ReadObject(reader.GetString(13)), visible);
    }

    private static async Task ReadVariantsAsync(bool integerMoney, DbConnection connection, string where, int[]? arguments, LoadedStrings strings, List<VariantRow> rows, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, VariantsSql(where), arguments);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) rows.Add(VariantOf(integerMoney, reader, strings));
    }

    private static string VariantsSql(string where) => $"""
        SELECT v.product_id, v.id, v.price, v.compare_at_price, v.position, v.options, s.on_hand, s.reserved, v.sku
          FROM product_variants v LEFT JOIN stock_items s ON s.variant_id = v.id
         WHERE {where}
        """;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static VariantRow VariantOf(bool integerMoney, DbDataReader reader, LoadedStrings strings) =>
        new(reader.GetInt32(0), reader.GetInt32(1), Money(integerMoney, reader, 2), reader.IsDBNull(3) ? null : Money(integerMoney, reader, 3),
            reader.GetInt32(4), strings.ReadObject(reader.GetString(5)), reader.IsDBNull(6) ? 0 : reader.GetInt32(6),
            reader.IsDBNull(7) ? 0 : reader.GetInt32(7), reader.GetString(8));

    /// <summary>
    /// Each product's first image (lowest position, then id): the one its result card shows. The rows come in that
    /// order along the (product_id, position) index, and only the first of each product is read into strings.
    /// </summary>
    private static async Task ReadFirstImagesAsync(DbConnection connection, string where, int[]? arguments, List<ImageRow> rows, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, FirstImagesSql(where), arguments);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            if (rows.Count == 0 || rows[^1].ProductId != reader.GetInt32(0)) rows.Add(ImageOf(reader));
    }

    private static string FirstImagesSql(string where) => $"SELECT product_id, id, url, alt_text FROM product_images WHERE {where} ORDER BY product_id, position, id";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ImageRow ImageOf(DbDataReader reader) => new(reader.GetInt32(0), reader.GetString(2), reader.GetString(3));

    private const string CategoriesSql =
        "SELECT c.id, c.name, c.slug, parent.slug, c.attribute_template FROM categories c LEFT JOIN categories parent ON parent.id = c.parent_id";

    // Categories are few (tens): all of them, once per batch.
    private static async Task<Dictionary<int, CategoryRow>> CategoriesAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, CategoriesSql, null);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var categories = new Dictionary<int, CategoryRow>();
        while (await reader.ReadAsync(cancellationToken))
            categories[reader.GetInt32(0)] = new CategoryRow(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                JsonSerializer.Deserialize<List<AttributeDefinition>>(reader.GetString(4), Json) ?? []);
        return categories;
    }

    /// <summary>A command with the arguments bound in order as @after and @last (ids only).</summary>
    private static DbCommand Command(DbConnection connection, string sql, int[]? arguments)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        string[] names = ["@after", "@last"];
        for (var i = 0; i < (arguments?.Length ?? 0); i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = names[i];
            parameter.Value = arguments![i];
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static bool IntegerMoney(AppDbContext db) => db.Provider == DatabaseProvider.Sqlite;

    /// <summary>Money as each provider stores it: 1/10,000ths in an integer on SQLite (ModelConventions), a decimal elsewhere.</summary>
    private static decimal Money(bool integerMoney, DbDataReader reader, int ordinal) =>
        integerMoney ? ModelConventions.FromSqliteMoney(reader.GetInt64(ordinal)) : reader.GetDecimal(ordinal);

    // Plain loops on purpose: this runs for every product of a rebuild, and the LINQ version (with a Distinct over
    // KeyValuePairs, which compares by reflection) was half of the loader's time. Called once per page, so it is
    // compiled fully optimised at once rather than left to tiered compilation.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static List<SearchDocument> Assemble(List<ProductRow> products, List<VariantRow> variants, List<ImageRow> images, Dictionary<int, CategoryRow> categories)
    {
        var variantsOf = new Dictionary<int, List<VariantRow>>(products.Count);
        foreach (var v in variants)
        {
            if (!variantsOf.TryGetValue(v.ProductId, out var list)) variantsOf[v.ProductId] = list = new List<VariantRow>(4);
            list.Add(v);
        }
        var imageOf = new Dictionary<int, ImageRow>(products.Count);
        foreach (var i in images) imageOf.TryAdd(i.ProductId, i); // the first of each product (read in that order)
        // Templates say which attributes are facets; resolved once per category, not per product.
        var facetDefinitions = categories.ToDictionary(c => c.Key, c => c.Value.Template.Where(t => t.IsFacet).ToArray());
        var optionKeys = new Dictionary<string, string>(StringComparer.Ordinal);

        var documents = new List<SearchDocument>(products.Count);
        var seenFacets = new HashSet<(string, string)>();
        var seenWords = new HashSet<string>(StringComparer.Ordinal);
        var text = new System.Text.StringBuilder();
        foreach (var p in products)
        {
            if (!categories.TryGetValue(p.CategoryId, out var category)) continue;
            var productVariants = variantsOf.GetValueOrDefault(p.Id) ?? [];
            productVariants.Sort((a, b) => a.Id.CompareTo(b.Id));
            var facets = new List<KeyValuePair<string, string>>();
            seenFacets.Clear();
            void AddFacet(string key, string value)
            {
                if (seenFacets.Add((key, value))) facets.Add(new(key, value));
            }
            foreach (var definition in facetDefinitions[p.CategoryId])
            {
                var value = ValueOf(p.Attributes, definition.Key);
                if (string.IsNullOrWhiteSpace(value)) continue;
                switch (definition.Type)
                {
                    case AttributeType.List:
                        foreach (var item in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) AddFacet(definition.Key, item);
                        break;
                    case AttributeType.YesNo: AddFacet(definition.Key, AttributeFormatting.Display(definition, value)); break; // "Yes"/"No" reads better than true/false
                    default: AddFacet(definition.Key, value); break;
                }
            }
            // Variant options (size, colour) are facets too.
            foreach (var v in productVariants)
                foreach (var (name, value) in v.Options)
                {
                    if (!optionKeys.TryGetValue(name, out var key)) optionKeys[name] = key = name.ToLowerInvariant();
                    AddFacet(key, value);
                }

            // Every attribute and option value once, as searchable text.
            text.Clear();
            seenWords.Clear();
            void AddText(string value)
            {
                if (!seenWords.Add(value)) return;
                if (text.Length > 0) text.Append(' ');
                text.Append(value);
            }
            foreach (var (_, value) in p.Attributes) AddText(value);
            foreach (var v in productVariants)
                foreach (var (_, value) in v.Options) AddText(value);

            // The cheapest variant's compare-at price; in stock when any variant has units no checkout holds.
            VariantRow? cheapest = null;
            var inStock = false;
            foreach (var v in productVariants)
            {
                if (cheapest is null || (v.Price, v.Position, v.Id).CompareTo((cheapest.Price, cheapest.Position, cheapest.Id)) < 0) cheapest = v;
                inStock |= StockLevels.Available(v.OnHand, v.Reserved) > 0;
            }
            var image = imageOf.GetValueOrDefault(p.Id);
            // In the product page's order (position, then id), with the stock as read now.
            var ordered = productVariants.ToArray();
            Array.Sort(ordered, (a, b) => (a.Position, a.Id).CompareTo((b.Position, b.Id)));
            var stored = new SearchVariant[ordered.Length];
            for (var i = 0; i < stored.Length; i++)
            {
                var v = ordered[i];
                stored[i] = new SearchVariant(v.Id, v.Sku, v.Options.ToDictionary(), v.Price, v.CompareAtPrice, StockLevels.Available(v.OnHand, v.Reserved));
            }
            documents.Add(new SearchDocument(p.Id, p.Name, p.Slug, p.Brand, p.Description, p.ShopId, p.ShopName, p.ShopSlug,
                p.CategoryId, category.Name, category.Slug, category.ParentSlug, p.MinPrice, cheapest?.CompareAtPrice, p.Currency,
                inStock, p.SalesCount, p.CreatedAt, image?.Url, image?.AltText ?? p.Name, facets, text.ToString(), stored));
        }
        return documents;
    }

    /// <summary>The value of an attribute (a handful per product: a scan beats a dictionary).</summary>
    private static string? ValueOf(KeyValuePair<string, string>[] pairs, string key)
    {
        foreach (var (name, value) in pairs)
            if (name == key) return value;
        return null;
    }

    /// <summary>The statements as SQL Server receives them (a page of a rebuild, a batch by ids), for the test that parses them.</summary>
    [SqlServerStatements]
    internal static class SqlServer
    {
        public static string ProductPage => ProductsSql($"p.id > @after ORDER BY p.id {Limit(DatabaseProvider.SqlServer, 500)}");
        public static string ProductsByIds => ProductsSql("p.id IN (1,2,3)");
        public static string VariantsInRange => VariantsSql("v.product_id > @after AND v.product_id <= @last");
        public static string FirstImagesInRange => FirstImagesSql("product_id > @after AND product_id <= @last");
        public static string Categories => CategoriesSql;
    }
}

/// <summary>A rebuild's page: the documents of its visible products, the last product id it read, and whether it was the last.</summary>
public sealed record DocumentPage(List<SearchDocument> Documents, int LastId, bool IsLast);
