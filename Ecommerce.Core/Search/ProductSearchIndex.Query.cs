using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Ecommerce.Core.Search;

public sealed partial class ProductSearchIndex
{
    private static readonly (string Label, double? Min, double? Max)[] PriceRanges =
    [
        ("Under $25", null, 25), ("$25 to $50", 25, 50), ("$50 to $100", 50, 100), ("$100 to $250", 100, 250),
        ("$250 to $500", 250, 500), ("$500 and up", 500, null),
    ];
    private static readonly double[] PriceLows = PriceRanges.Select(r => r.Min ?? double.NegativeInfinity).ToArray();
    private static readonly double[] PriceHighs = PriceRanges.Select(r => r.Max ?? double.PositiveInfinity).ToArray();

    /// <summary>
    /// Full-text search with filters around the text query (never inside it), facets with counts, sorting and paging.
    /// Lucene finds the matching documents and scores them (BM25 with field weights, <see cref="TextQuery"/>); then one
    /// pass over the matches filters them with the in-memory values, counts every facet and keeps the page's top
    /// entries; only the page's stored documents are read. Totals and facet counts are exact, over every match.
    /// </summary>
    public SearchResult Search(SearchQuery query)
    {
        var terms = QueryText.Terms(query.Text);
        var page = Math.Max(1, query.Page);
        var pageSize = Math.Clamp(query.PageSize, 1, 100);
        var match = TextQuery(terms);
        var hasText = !string.IsNullOrWhiteSpace(query.Text);
        if (hasText && match is null) return new SearchResult([], 0, page, pageSize, [], null); // nothing searchable was typed
        var key = CacheKey(query, terms, page, pageSize);
        return Read((searcher, values) =>
        {
            var answers = _answers;
            if (answers.TryGetValue(key, out var cached)) return cached;
            var result = Search(searcher, values, query, terms, match, page, pageSize);
            if (answers.Count >= MaxCachedAnswers) answers.Clear();
            answers[key] = result;
            return result;
        });
    }

    /// <summary>
    /// Answers given since the index last changed, by query: a category's first page or the home page's bestsellers are
    /// asked for by every shopper, and the index changes far less often than they are asked (each write starts afresh).
    /// </summary>
    private ConcurrentDictionary<string, SearchResult> _answers = new();
    private const int MaxCachedAnswers = 4096;

    private void ForgetAnswers() => _answers = new();

    private static string CacheKey(SearchQuery q, IReadOnlyList<string> terms, int page, int pageSize)
    {
        var key = new StringBuilder();
        key.AppendJoin(' ', terms).Append('|').Append(q.Category).Append('|').Append(q.Brand).Append('|').Append(q.Shop)
            .Append('|').Append(q.MinPrice).Append('|').Append(q.MaxPrice).Append('|').Append(q.InStockOnly).Append(q.OnSaleOnly).Append(q.WithFacets)
            .Append('|').Append((int)q.Sort).Append('|').Append(page).Append('|').Append(pageSize).Append('|');
        foreach (var (attribute, accepted) in q.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
            key.Append(attribute).Append('=').AppendJoin(',', accepted).Append(';');
        if (q.OnlyShopIds is { } shops) key.Append("|shops:").AppendJoin(',', shops.Order());
        return key.ToString();
    }

    private static SearchResult Search(IndexSearcher searcher, SearchDocValues values, SearchQuery query, IReadOnlyList<string> terms, Query? match,
        int page, int pageSize)
    {
        // 1. The matching set with its text scores, once. No text: every product id the values hold (the ids are
        // walked in place, not copied: a listing of the whole catalogue allocates nothing per product).
        int[]? ids = null;
        double[]? scores = null;
        int count;
        if (match is null)
        {
            count = values.Limit;
        }
        else
        {
            var collector = new MatchCollector();
            searcher.Search(match, collector);
            (ids, scores, count) = (collector.Ids, collector.Scores, collector.Count);
        }

        // 2. One pass: filters, facet counts, and the entries the requested page needs.
        var filter = new Filter(query, values);
        var categoryCounts = new int[values.CategoryValues.Count];
        var brandCounts = new int[values.BrandValues.Count];
        var shopCounts = new int[values.ShopValues.Count];
        var priceCounts = new int[PriceRanges.Length];
        var attributeCounts = new int[values.AttributeValues.Count];
        var top = new TopEntries((int)Math.Min((long)page * pageSize, values.Count)); // a page past the end keeps nothing
        var total = 0;
        var sort = query.Sort == SearchSort.Relevance && match is null ? SearchSort.Bestselling : query.Sort;
        for (var i = 0; i < count && !filter.None; i++)
        {
            var id = ids is null ? i : ids[i];
            if (!values.Contains(id) || !filter.Accepts(values, id)) continue;
            total++;
            var price = values.Prices[id];
            if (query.WithFacets)
            {
                categoryCounts[values.Categories[id]]++;
                if (values.Brands[id] >= 0) brandCounts[values.Brands[id]]++;
                shopCounts[values.Shops[id]]++;
                for (var r = 0; r < PriceLows.Length; r++)
                    if (price >= PriceLows[r] && price < PriceHighs[r]) priceCounts[r]++;
                if (values.Attributes[id] is { } attributes)
                    foreach (var ordinal in attributes) attributeCounts[ordinal]++;
            }

            // Text relevance first, then in-stock and sales as gentle boosts; every order ends with the product id.
            var entry = sort switch
            {
                SearchSort.PriceLow => new Entry(Ordered(price), id, id),
                SearchSort.PriceHigh => new Entry(Ordered(-price), id, id),
                SearchSort.Newest => new Entry(-values.Created[id], -id, id),
                SearchSort.Bestselling => new Entry(-values.Sales[id], id, id),
                _ => new Entry(Ordered(-scores![i] * ((values.Flags[id] & SearchDocValues.InStockFlag) != 0 ? 1.0 : 0.6) * values.SalesBoosts[id]), id, id),
            };
            top.Offer(entry);
        }

        // 3. The page's stored documents, in order.
        var pageIds = top.Sorted().Skip((int)Math.Min((long)(page - 1) * pageSize, int.MaxValue)).Select(e => e.Id).ToList();
        var hits = Hits(searcher, pageIds, terms);

        var facets = total == 0 || !query.WithFacets ? [] : Facets(values, categoryCounts, brandCounts, shopCounts, priceCounts, attributeCounts);
        string? didYouMean = null;
        if (terms.Count > 0 && total < 3) didYouMean = DidYouMean(searcher.IndexReader, terms);
        return new SearchResult(hits, total, page, pageSize, facets, didYouMean);
    }

    /// <summary>
    /// Every term must match, in any of the searched fields; each field's BM25 score is weighted (name above brand and
    /// category above attributes above description) and they add up. Null when nothing searchable was typed.
    /// </summary>
    private static BooleanQuery? TextQuery(IReadOnlyList<string> terms)
    {
        if (terms.Count == 0) return null;
        var all = new BooleanQuery(disableCoord: true);
        foreach (var term in terms)
        {
            var stemmed = SearchAnalysis.Stemmed(term);
            var anyField = new BooleanQuery(disableCoord: true);
            foreach (var (field, boost) in SearchFields.Weighted)
                anyField.Add(new TermQuery(new Term(field, stemmed)) { Boost = boost }, Occur.SHOULD);
            all.Add(anyField, Occur.MUST);
        }
        return all;
    }

    /// <summary>Every match's product id (from the per-document number) and score, in the order Lucene finds them.</summary>
    private sealed class MatchCollector : ICollector
    {
        private Scorer? _scorer;
        private NumericDocValues? _ids;
        public int[] Ids = new int[64];
        public double[] Scores = new double[64];
        public int Count;

        public void SetScorer(Scorer scorer) => _scorer = scorer;

        public void SetNextReader(AtomicReaderContext context) => _ids = context.AtomicReader.GetNumericDocValues(SearchFields.IdValue);

        public void Collect(int doc)
        {
            if (_ids is null) return;
            if (Count == Ids.Length)
            {
                Array.Resize(ref Ids, Count * 2);
                Array.Resize(ref Scores, Count * 2);
            }
            Ids[Count] = (int)_ids.Get(doc);
            Scores[Count++] = _scorer!.GetScore();
        }

        public bool AcceptsDocsOutOfOrder => true;
    }

    /// <summary>A double's bits as a long that sorts in the same order.</summary>
    private static long Ordered(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        return bits >= 0 ? bits : bits ^ long.MaxValue;
    }

    private readonly record struct Entry(long Major, long Minor, int Id) : IComparable<Entry>
    {
        public int CompareTo(Entry other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);
    }

    /// <summary>The smallest entries seen, at most <c>capacity</c> of them (a max-heap: the largest kept is at the root).</summary>
    private sealed class TopEntries(int capacity)
    {
        private readonly List<Entry> _heap = [];

        public void Offer(Entry entry)
        {
            if (_heap.Count < capacity)
            {
                _heap.Add(entry);
                var i = _heap.Count - 1;
                while (i > 0)
                {
                    var parent = (i - 1) / 2;
                    if (_heap[parent].CompareTo(_heap[i]) >= 0) break;
                    (_heap[parent], _heap[i]) = (_heap[i], _heap[parent]);
                    i = parent;
                }
            }
            else if (capacity > 0 && entry.CompareTo(_heap[0]) < 0)
            {
                _heap[0] = entry;
                var i = 0;
                while (true)
                {
                    var largest = i;
                    var left = 2 * i + 1;
                    var right = left + 1;
                    if (left < _heap.Count && _heap[left].CompareTo(_heap[largest]) > 0) largest = left;
                    if (right < _heap.Count && _heap[right].CompareTo(_heap[largest]) > 0) largest = right;
                    if (largest == i) break;
                    (_heap[largest], _heap[i]) = (_heap[i], _heap[largest]);
                    i = largest;
                }
            }
        }

        public List<Entry> Sorted()
        {
            var sorted = new List<Entry>(_heap);
            sorted.Sort();
            return sorted;
        }
    }

    /// <summary>The query's filters, resolved once against the in-memory values' ordinals.</summary>
    private sealed class Filter
    {
        private readonly bool[]? _categories;
        private readonly int _brand = -1;
        private readonly bool _brandFilter;
        private readonly bool[]? _shops;
        private readonly double? _min, _max;
        private readonly bool _inStock, _onSale;
        private readonly List<bool[]> _attributes = [];

        /// <summary>Nothing can pass (a category, brand, shop or attribute value no document has).</summary>
        public bool None { get; }

        public Filter(SearchQuery query, SearchDocValues values)
        {
            if (!string.IsNullOrEmpty(query.Category))
            {
                _categories = values.CategoryValues.Values.Select(c => c.Slug == query.Category || c.ParentSlug == query.Category).ToArray();
                None |= !_categories.Contains(true);
            }
            if (!string.IsNullOrEmpty(query.Brand))
            {
                _brandFilter = true;
                _brand = values.BrandValues.Find(query.Brand);
                None |= _brand < 0;
            }
            if (!string.IsNullOrEmpty(query.Shop) || query.OnlyShopIds is not null)
            {
                _shops = values.ShopValues.Values.Select(s =>
                    (string.IsNullOrEmpty(query.Shop) || s.Slug == query.Shop) && (query.OnlyShopIds is not { } only || only.Contains(s.Id))).ToArray();
                None |= !_shops.Contains(true);
            }
            if (query.MinPrice is { } min) _min = (double)min;
            if (query.MaxPrice is { } max) _max = (double)max;
            _inStock = query.InStockOnly;
            _onSale = query.OnSaleOnly;
            foreach (var (key, accepted) in query.Attributes.Where(f => f.Value.Count > 0).Take(10))
            {
                var wanted = accepted.Take(20).ToHashSet(StringComparer.Ordinal);
                var set = values.AttributeValues.Values.Select(a => a.Key == key && wanted.Contains(a.Value)).ToArray();
                None |= !set.Contains(true);
                _attributes.Add(set);
            }
        }

        public bool Accepts(SearchDocValues values, int id)
        {
            if (_categories is not null && !_categories[values.Categories[id]]) return false;
            if (_brandFilter && values.Brands[id] != _brand) return false;
            if (_shops is not null && !_shops[values.Shops[id]]) return false;
            if (_min is { } min && !(values.Prices[id] >= min)) return false;
            if (_max is { } max && !(values.Prices[id] <= max)) return false;
            if (_inStock && (values.Flags[id] & SearchDocValues.InStockFlag) == 0) return false;
            if (_onSale && (values.Flags[id] & SearchDocValues.OnSaleFlag) == 0) return false;
            foreach (var set in _attributes)
            {
                var any = false;
                if (values.Attributes[id] is { } attributes)
                    foreach (var ordinal in attributes)
                        if (ordinal < set.Length && set[ordinal]) { any = true; break; }
                if (!any) return false;
            }
            return true;
        }
    }

    private static List<Facet> Facets(SearchDocValues values, int[] categoryCounts, int[] brandCounts, int[] shopCounts, int[] priceCounts, int[] attributeCounts)
    {
        // Most common first; equal counts in value order, so the same index always answers the same.
        static List<FacetValue> Top(IEnumerable<FacetValue> counted, int take) => counted.Where(v => v.Count > 0)
            .OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal).ThenBy(v => v.Label, StringComparer.Ordinal).Take(take).ToList();

        var facets = new List<Facet>
        {
            new("category", "Category", Top(values.CategoryValues.Values.Select((c, i) => (c, n: categoryCounts[i]))
                .GroupBy(x => (x.c.Slug, x.c.Name)).Select(g => new FacetValue(g.Key.Slug, g.Key.Name, g.Sum(x => x.n))), 20)),
            new("brand", "Brand", Top(values.BrandValues.Values.Select((b, i) => new FacetValue(b, b, brandCounts[i])), 20)),
            new("shop", "Shop", Top(values.ShopValues.Values.Select((s, i) => (s, n: shopCounts[i]))
                .GroupBy(x => (x.s.Slug, x.s.Name)).Select(g => new FacetValue(g.Key.Slug, g.Key.Name, g.Sum(x => x.n))), 20)),
        };
        var priceValues = new List<FacetValue>();
        for (var i = 0; i < PriceRanges.Length; i++)
        {
            var r = PriceRanges[i];
            if (priceCounts[i] > 0) priceValues.Add(new FacetValue($"{r.Min?.ToString(CultureInfo.InvariantCulture)}-{r.Max?.ToString(CultureInfo.InvariantCulture)}", r.Label, priceCounts[i]));
        }
        facets.Add(new Facet("price", "Price", priceValues));

        // Attribute facets (colour, size, storage...): the most common keys among the hits, each with its top values.
        var byKey = new Dictionary<int, List<FacetValue>>();
        for (var ordinal = 0; ordinal < attributeCounts.Length; ordinal++)
        {
            if (attributeCounts[ordinal] == 0) continue;
            var key = values.AttributeKeyOf[ordinal];
            if (!byKey.TryGetValue(key, out var list)) byKey[key] = list = [];
            var value = values.AttributeValues.Values[ordinal].Value;
            list.Add(new FacetValue(value, value, attributeCounts[ordinal]));
        }
        facets.AddRange(byKey
            .Select(k => (Key: values.AttributeKeys.Values[k.Key], Values: Top(k.Value, 15)))
            .OrderBy(k => k.Key, StringComparer.Ordinal)
            .OrderByDescending(k => k.Values.Sum(v => v.Count)).Take(6)
            .Select(k => new Facet("attr." + k.Key, CultureInfo.InvariantCulture.TextInfo.ToTitleCase(k.Key.Replace('_', ' ')), k.Values)));
        return facets.Where(f => f.Values.Count > 0).ToList();
    }

    /// <summary>The indexed products among these ids, in this order: cards for recently viewed and picked lists.</summary>
    public IReadOnlyList<SearchHit> Documents(IReadOnlyList<int> ids) =>
        ids.Count == 0 ? [] : Read((searcher, _) => (IReadOnlyList<SearchHit>)Hits(searcher, ids.Distinct().Take(100).ToList(), []));

    /// <summary>
    /// The stored document of the product with this slug (its page while the database is away), or null when the index
    /// has no such product (or was written before slugs were indexed).
    /// </summary>
    public SearchDocument? Document(string slug) => Read((searcher, _) =>
    {
        var top = searcher.Search(new TermQuery(new Term(SearchFields.Slug, slug)), 1).ScoreDocs;
        return top.Length == 0 ? null : SearchFields.FromStored(searcher.Doc(top[0].Doc));
    });

    /// <summary>The stored documents of these products, in this order (a product removed meanwhile is left out).</summary>
    private static List<SearchHit> Hits(IndexSearcher searcher, List<int> ids, IReadOnlyList<string> terms)
    {
        if (ids.Count == 0) return [];
        var byId = new BooleanQuery(disableCoord: true);
        foreach (var id in ids) byId.Add(new TermQuery(SearchFields.IdTerm(id)), Occur.SHOULD);
        var found = new Dictionary<int, SearchHit>(ids.Count);
        foreach (var scored in searcher.Search(new ConstantScoreQuery(byId), ids.Count).ScoreDocs)
        {
            var d = SearchFields.FromStored(searcher.Doc(scored.Doc));
            found[d.ProductId] = new SearchHit(d.ProductId, d.Name, d.Slug, d.Brand, d.ShopId, d.ShopName, d.ShopSlug, d.CategoryName,
                Money(d.Price), d.CompareAtPrice is { } c ? Money(c) : null, d.Currency, d.InStock, d.ImageUrl, d.ImageAlt, Highlight(d.Name, terms));
        }
        return ids.Where(found.ContainsKey).Select(id => found[id]).ToList();
    }

    private static decimal Money(decimal value) => Math.Round(value, 2);

    /// <summary>Replaces each word the catalogue does not know with its closest known word; null when all are known.</summary>
    private static string? DidYouMean(IndexReader reader, IReadOnlyList<string> terms)
    {
        var corrected = new List<string>();
        var changed = false;
        var vocabulary = MultiFields.GetTerms(reader, SearchFields.Spelling);
        foreach (var term in terms)
        {
            if (term.Length < 3 || term.All(char.IsDigit) || vocabulary is null || reader.DocFreq(new Term(SearchFields.Spelling, term)) > 0)
            {
                corrected.Add(term);
                continue;
            }
            // Candidates share the first letter and have a similar length: a small, sorted slice of the index's own terms.
            var candidates = new List<(string, int)>();
            var words = vocabulary.GetEnumerator();
            var first = term[..1];
            if (words.SeekCeil(new BytesRef(first)) != TermsEnum.SeekStatus.END)
            {
                do
                {
                    var word = words.Term.Utf8ToString();
                    if (!word.StartsWith(first, StringComparison.Ordinal)) break;
                    if (Math.Abs(word.Length - term.Length) <= 2) candidates.Add((word, words.DocFreq));
                } while (words.MoveNext());
            }
            var best = Spelling.Closest(term, candidates);
            if (best is null) { corrected.Add(term); continue; }
            corrected.Add(best);
            changed = true;
        }
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
    /// Products whose name starts with what was typed (every word, the last one as a prefix), best sellers first among
    /// the first 500 matches: suggestions need to be quick, not exhaustive. They match the name's unstemmed words.
    /// </summary>
    public IReadOnlyList<SearchHit> Suggest(string? text, int count = 8)
    {
        var terms = QueryText.Terms(text);
        if (terms.Count == 0) return [];
        var query = new BooleanQuery(disableCoord: true);
        for (var i = 0; i < terms.Count; i++)
            query.Add(i < terms.Count - 1 ? new TermQuery(new Term(SearchFields.NameWords, terms[i])) : new PrefixQuery(new Term(SearchFields.NameWords, terms[i])), Occur.MUST);
        return Read((searcher, values) =>
        {
            var candidates = new MatchCollector();
            searcher.Search(new ConstantScoreQuery(query), new LimitedCollector(candidates, 500));
            var best = candidates.Ids.Take(candidates.Count).Where(values.Contains).OrderByDescending(id => values.Sales[id]).ThenBy(id => id)
                .Take(Math.Clamp(count, 1, 20)).ToList();
            return (IReadOnlyList<SearchHit>)Hits(searcher, best, terms);
        });
    }

    /// <summary>Stops collecting after a number of matches (Lucene moves on to the next segment, then ends).</summary>
    private sealed class LimitedCollector(ICollector inner, int limit) : ICollector
    {
        private int _collected;
        public void SetScorer(Scorer scorer) => inner.SetScorer(scorer);

        public void SetNextReader(AtomicReaderContext context)
        {
            if (_collected >= limit) throw new CollectionTerminatedException();
            inner.SetNextReader(context);
        }

        public void Collect(int doc)
        {
            if (_collected++ >= limit) throw new CollectionTerminatedException();
            inner.Collect(doc);
        }

        public bool AcceptsDocsOutOfOrder => inner.AcceptsDocsOutOfOrder;
    }
}
