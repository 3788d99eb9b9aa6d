using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Ecommerce.Core.Search;

public sealed partial class ProductSearchIndex
{
    private static readonly (string Label, double? Min, double? Max)[] PriceRanges =
    [
        ("Under $25", null, 25), ("$25 to $50", 25, 50), ("$50 to $100", 50, 100), ("$100 to $250", 100, 250),
        ("$250 to $500", 250, 500), ("$500 and up", 500, null),
    ];

    /// <summary>
    /// Full-text search with filters around the MATCH (never inside it), facets with counts, sorting and paging.
    /// Matching ids go into a temporary table once; the page, the total and every facet are read from it.
    /// </summary>
    public SearchResult Search(SearchQuery query)
    {
        var terms = QueryText.Terms(query.Text);
        var page = Math.Max(1, query.Page);
        var pageSize = Math.Clamp(query.PageSize, 1, 100);
        using var connection = Open();
        using var command = connection.CreateCommand();

        var match = QueryText.ToMatch(terms);
        var hasText = !string.IsNullOrWhiteSpace(query.Text);
        if (hasText && match is null) return new SearchResult([], 0, page, pageSize, [], null); // nothing searchable was typed

        var filters = new List<string>();
        void Param(string name, object value) => command.Parameters.AddWithValue(name, value);
        if (!string.IsNullOrEmpty(query.Category)) { filters.Add("(d.category_slug = $cat OR d.parent_category_slug = $cat)"); Param("$cat", query.Category); }
        if (!string.IsNullOrEmpty(query.Brand)) { filters.Add("d.brand = $brand"); Param("$brand", query.Brand); }
        if (!string.IsNullOrEmpty(query.Shop)) { filters.Add("d.shop_slug = $shop"); Param("$shop", query.Shop); }
        if (query.MinPrice is { } min) { filters.Add("d.price >= $min"); Param("$min", (double)min); }
        if (query.MaxPrice is { } max) { filters.Add("d.price <= $max"); Param("$max", (double)max); }
        if (query.InStockOnly) filters.Add("d.in_stock = 1");
        if (query.OnSaleOnly) filters.Add("d.compare_at > d.price");
        if (query.OnlyShopIds is { } shops) filters.Add(shops.Count == 0 ? "0" : $"d.shop_id IN ({string.Join(",", shops.Select(i => i.ToString(CultureInfo.InvariantCulture)))})");
        var a = 0;
        foreach (var (key, values) in query.Attributes.Where(f => f.Value.Count > 0).Take(10))
        {
            var names = values.Take(20).Select((v, i) => { Param($"$a{a}v{i}", v); return $"$a{a}v{i}"; }).ToList();
            Param($"$a{a}k", key);
            filters.Add($"d.product_id IN (SELECT product_id FROM facets WHERE key = $a{a}k AND value IN ({string.Join(",", names)}))");
            a++;
        }
        var where = filters.Count == 0 ? "" : "WHERE " + string.Join(" AND ", filters);

        // 1. The matching set, with its text score, once (a pooled connection may still hold a failed search's table).
        Execute(connection, "DROP TABLE IF EXISTS temp.hits");
        command.CommandText = match is null
            ? $"CREATE TEMP TABLE hits AS SELECT d.product_id AS id, 0.0 AS score FROM docs d {where}"
            : $"""
               CREATE TEMP TABLE hits AS
               SELECT d.product_id AS id, m.score AS score
                 FROM (SELECT rowid AS id, {Bm25} AS score FROM docs_fts WHERE docs_fts MATCH $match) m
                 JOIN docs d ON d.product_id = m.id {where}
               """;
        if (match is not null) Param("$match", match);
        command.ExecuteNonQuery();
        command.Parameters.Clear();

        // 2. The page, ranked: text relevance first, then in-stock and sales as gentle boosts.
        var order = query.Sort switch
        {
            SearchSort.PriceLow => "d.price ASC, d.product_id",
            SearchSort.PriceHigh => "d.price DESC, d.product_id",
            SearchSort.Newest => "d.created_at DESC, d.product_id DESC",
            SearchSort.Bestselling => "d.sales DESC, d.product_id",
            _ when match is null => "d.sales DESC, d.product_id",
            _ => "h.score * (CASE WHEN d.in_stock = 1 THEN 1.0 ELSE 0.6 END) * (1.0 + 0.05 * ln(1 + d.sales)) ASC, d.product_id",
        };
        command.CommandText = $"""
            SELECT d.product_id, d.name, d.slug, d.brand, d.shop_id, d.shop_name, d.shop_slug, d.category_name, d.price, d.compare_at,
                   d.currency, d.in_stock, d.image_url, d.image_alt
              FROM hits h JOIN docs d ON d.product_id = h.id
             ORDER BY {order} LIMIT $take OFFSET $skip
            """;
        Param("$take", pageSize);
        Param("$skip", (page - 1) * pageSize);
        var hits = new List<SearchHit>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var name = reader.GetString(1);
                hits.Add(new SearchHit(reader.GetInt32(0), name, reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.GetInt32(4), reader.GetString(5), reader.GetString(6), reader.GetString(7),
                    Money(reader.GetDouble(8)), reader.IsDBNull(9) ? null : Money(reader.GetDouble(9)), reader.GetString(10),
                    reader.GetInt64(11) == 1, reader.IsDBNull(12) ? null : reader.GetString(12), reader.GetString(13), Highlight(name, terms)));
            }
        }
        command.Parameters.Clear();

        var total = Scalar(command, "SELECT count(*) FROM hits");
        var facets = total == 0 ? [] : Facets(command);
        string? didYouMean = null;
        if (terms.Count > 0 && total < 3) didYouMean = DidYouMean(command, terms);
        Execute(connection, "DROP TABLE hits");
        return new SearchResult(hits, total, page, pageSize, facets, didYouMean);
    }

    private static decimal Money(double value) => Math.Round((decimal)value, 2);

    private static int Scalar(SqliteCommand command, string sql)
    {
        command.CommandText = sql;
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static List<Facet> Facets(SqliteCommand command)
    {
        var facets = new List<Facet>
        {
            Group(command, "category", "Category", "SELECT d.category_slug, d.category_name, count(*) FROM hits h JOIN docs d ON d.product_id = h.id GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 20"),
            Group(command, "brand", "Brand", "SELECT d.brand, d.brand, count(*) FROM hits h JOIN docs d ON d.product_id = h.id WHERE d.brand IS NOT NULL GROUP BY 1 ORDER BY 3 DESC LIMIT 20"),
            Group(command, "shop", "Shop", "SELECT d.shop_slug, d.shop_name, count(*) FROM hits h JOIN docs d ON d.product_id = h.id GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 20"),
        };
        var ranges = string.Join(",\n", PriceRanges.Select((r, i) =>
            $"sum(CASE WHEN {(r.Min is { } lo ? $"d.price >= {lo.ToString(CultureInfo.InvariantCulture)}" : "1")} AND {(r.Max is { } hi ? $"d.price < {hi.ToString(CultureInfo.InvariantCulture)}" : "1")} THEN 1 ELSE 0 END)"));
        command.CommandText = $"SELECT {ranges} FROM hits h JOIN docs d ON d.product_id = h.id";
        var priceValues = new List<FacetValue>();
        using (var reader = command.ExecuteReader())
        {
            reader.Read();
            for (var i = 0; i < PriceRanges.Length; i++)
            {
                var count = reader.IsDBNull(i) ? 0 : reader.GetInt32(i);
                var r = PriceRanges[i];
                if (count > 0) priceValues.Add(new FacetValue($"{r.Min?.ToString(CultureInfo.InvariantCulture)}-{r.Max?.ToString(CultureInfo.InvariantCulture)}", r.Label, count));
            }
        }
        facets.Add(new Facet("price", "Price", priceValues));

        // Attribute facets (colour, size, storage...): the most common keys among the hits, each with its top values.
        command.CommandText = """
            SELECT f.key, f.value, count(*) AS n FROM hits h JOIN facets f ON f.product_id = h.id
             GROUP BY f.key, f.value ORDER BY f.key, n DESC
            """;
        var byKey = new Dictionary<string, List<FacetValue>>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var key = reader.GetString(0);
                if (!byKey.TryGetValue(key, out var list)) byKey[key] = list = [];
                if (list.Count < 15) list.Add(new FacetValue(reader.GetString(1), reader.GetString(1), reader.GetInt32(2)));
            }
        }
        facets.AddRange(byKey.OrderByDescending(k => k.Value.Sum(v => v.Count)).Take(6)
            .Select(k => new Facet("attr." + k.Key, CultureInfo.InvariantCulture.TextInfo.ToTitleCase(k.Key.Replace('_', ' ')), k.Value)));
        return facets.Where(f => f.Values.Count > 0).ToList();
    }

    private static Facet Group(SqliteCommand command, string key, string label, string sql)
    {
        command.CommandText = sql;
        var values = new List<FacetValue>();
        using var reader = command.ExecuteReader();
        while (reader.Read()) values.Add(new FacetValue(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
        return new Facet(key, label, values);
    }

    /// <summary>Replaces each word the catalogue does not know with its closest known word; null when all are known.</summary>
    private static string? DidYouMean(SqliteCommand command, IReadOnlyList<string> terms)
    {
        var corrected = new List<string>();
        var changed = false;
        foreach (var term in terms)
        {
            command.CommandText = "SELECT freq FROM words WHERE word = $w";
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$w", term);
            if (command.ExecuteScalar() is not null || term.Length < 3 || term.All(char.IsDigit)) { corrected.Add(term); continue; }

            // Candidates share the first letter and have a similar length: a small, indexed slice of the vocabulary.
            command.CommandText = "SELECT word, freq FROM words WHERE word >= $lo AND word < $hi AND length(word) BETWEEN $min AND $max";
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$lo", term[..1]);
            command.Parameters.AddWithValue("$hi", ((char)(term[0] + 1)).ToString());
            command.Parameters.AddWithValue("$min", term.Length - 2);
            command.Parameters.AddWithValue("$max", term.Length + 2);
            var candidates = new List<(string, int)>();
            using (var reader = command.ExecuteReader())
                while (reader.Read()) candidates.Add((reader.GetString(0), reader.GetInt32(1)));
            var best = Spelling.Closest(term, candidates);
            if (best is null) { corrected.Add(term); continue; }
            corrected.Add(best);
            changed = true;
        }
        command.Parameters.Clear();
        return changed ? string.Join(' ', corrected) : null;
    }

    /// <summary>The name, HTML-encoded, with words that start like a query term wrapped in &lt;mark&gt;.</summary>
    public static string Highlight(string name, IReadOnlyList<string> terms)
    {
        if (terms.Count == 0) return WebUtility.HtmlEncode(name);
        var sb = new StringBuilder();
        foreach (var part in System.Text.RegularExpressions.Regex.Split(name, @"(\W+)"))
        {
            var lower = part.ToLowerInvariant();
            var hit = part.Length > 0 && terms.Any(t => lower.StartsWith(t.Length > 4 ? t[..^1] : t, StringComparison.Ordinal));
            sb.Append(hit ? $"<mark>{WebUtility.HtmlEncode(part)}</mark>" : WebUtility.HtmlEncode(part));
        }
        return sb.ToString();
    }

    /// <summary>
    /// Products whose name starts with what was typed (the last word as a prefix), best sellers first among the
    /// first 500 matches: suggestions need to be quick, not exhaustive (the FTS table keeps 2-4 letter prefix indexes).
    /// </summary>
    public IReadOnlyList<SearchHit> Suggest(string? text, int count = 8)
    {
        var terms = QueryText.Terms(text);
        if (terms.Count == 0) return [];
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT d.product_id, d.name, d.slug, d.brand, d.shop_id, d.shop_name, d.shop_slug, d.category_name, d.price, d.compare_at,
                   d.currency, d.in_stock, d.image_url, d.image_alt
              FROM (SELECT rowid AS id FROM docs_fts WHERE docs_fts MATCH $match LIMIT 500) m
              JOIN docs d ON d.product_id = m.id
             ORDER BY d.sales DESC LIMIT $n
            """;
        command.Parameters.AddWithValue("$match", "name : (" + QueryText.ToMatch(terms, lastIsPrefix: true) + ")");
        command.Parameters.AddWithValue("$n", Math.Clamp(count, 1, 20));
        var hits = new List<SearchHit>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var name = reader.GetString(1);
            hits.Add(new SearchHit(reader.GetInt32(0), name, reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetInt32(4), reader.GetString(5), reader.GetString(6), reader.GetString(7), Money(reader.GetDouble(8)),
                reader.IsDBNull(9) ? null : Money(reader.GetDouble(9)), reader.GetString(10), reader.GetInt64(11) == 1,
                reader.IsDBNull(12) ? null : reader.GetString(12), reader.GetString(13), Highlight(name, terms)));
        }
        return hits;
    }
}
