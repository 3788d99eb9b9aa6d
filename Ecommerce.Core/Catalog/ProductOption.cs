namespace Ecommerce.Core.Catalog;

/// <summary>An option a product varies by (Size: S, M, L). Variants are the combinations of the options' values.</summary>
public sealed class ProductOption
{
    public required string Name { get; set; }
    public List<string> Values { get; set; } = [];

    /// <summary>The options that a set of variants spans, in first-seen order (Size before Colour...).</summary>
    public static List<ProductOption> FromVariants(IEnumerable<IReadOnlyDictionary<string, string>> variantOptions)
    {
        var options = new List<ProductOption>();
        foreach (var (name, value) in variantOptions.SelectMany(o => o))
        {
            var option = options.Find(o => o.Name == name);
            if (option is null) options.Add(option = new ProductOption { Name = name });
            if (!option.Values.Contains(value)) option.Values.Add(value);
        }
        return options;
    }

    /// <summary>Every combination of the options' values: Size × Colour gives one variant per pair.</summary>
    public static List<Dictionary<string, string>> Combinations(IReadOnlyList<ProductOption> options)
    {
        var combinations = new List<Dictionary<string, string>> { new() };
        foreach (var option in options.Where(o => o.Values.Count > 0))
        {
            combinations = combinations
                .SelectMany(c => option.Values.Select(v => new Dictionary<string, string>(c) { [option.Name] = v }))
                .ToList();
        }
        return combinations;
    }
}
