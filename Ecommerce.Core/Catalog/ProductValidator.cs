using System.Globalization;
using Ecommerce.Core.Common;

namespace Ecommerce.Core.Catalog;

/// <summary>
/// Checks a product against the platform's rules and its category's attribute template. Returns every problem
/// at once, keyed by field (name, variants[0].price, attributes.ram...), so forms and the API can point at them.
/// </summary>
public static class ProductValidator
{
    public const decimal MaxPrice = 1_000_000m;
    public const int MaxStock = 1_000_000;
    public const int MaxVariants = 100;

    public static void Validate(ProductInput input, Category category, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(input.Name)) errors.Add("name", "is required");
        else if (input.Name.Trim().Length > 200) errors.Add("name", "must be at most 200 characters");
        else if (!UnicodeText.IsWellFormed(input.Name)) errors.Add("name", UnicodeText.Problem);
        if (!string.IsNullOrEmpty(input.Slug) && !Slug.IsValid(input.Slug)) errors.Add("slug", "may contain only lower-case letters, digits and single hyphens");
        if (input.Description is { Length: > 20_000 }) errors.Add("description", "must be at most 20,000 characters");
        if (input.Brand is { Length: > 120 }) errors.Add("brand", "must be at most 120 characters");
        if (input.Tags is { Count: > 20 }) errors.Add("tags", "at most 20 tags");
        if (input.Tags?.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > 40) == true) errors.Add("tags", "each tag must have 1 to 40 characters");
        if (!Enum.IsDefined(input.Status)) errors.Add("status", "must be Draft, Active or Archived");

        ValidateAttributes(input.Attributes ?? new Dictionary<string, string>(), category, errors);
        ValidateVariants(input, errors);

        for (var i = 0; i < (input.Images?.Count ?? 0); i++)
        {
            var image = input.Images![i];
            if (!IsSafeImageUrl(image.Url)) errors.Add($"images[{i}].url", "must be a site path (/media/...) or an http(s) address");
            if (image.AltText is { Length: > 300 }) errors.Add($"images[{i}].altText", "must be at most 300 characters");
        }
    }

    /// <summary>SafeUrl's rule (it owns what a safe image address is), within the column's 500 characters.</summary>
    public static bool IsSafeImageUrl(string? url) => SafeUrl.IsSafe(url) && url!.Length <= 500;

    private static void ValidateVariants(ProductInput input, ValidationErrors errors)
    {
        if (input.Variants.Count == 0) { errors.Add("variants", "at least one variant (price and stock) is required"); return; }
        if (input.Variants.Count > MaxVariants) errors.Add("variants", $"at most {MaxVariants} variants");
        var optionNames = (input.Options ?? []).Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var seenCombinations = new HashSet<string>();
        for (var i = 0; i < input.Variants.Count; i++)
        {
            var v = input.Variants[i];
            var at = $"variants[{i}]";
            if (v.Price <= 0) errors.Add($"{at}.price", "must be greater than 0");
            else if (v.Price > MaxPrice) errors.Add($"{at}.price", $"must be at most {MaxPrice:N0}");
            else if (decimal.Round(v.Price, 2) != v.Price) errors.Add($"{at}.price", "must have at most 2 decimals");
            if (v.CompareAtPrice is { } was && (was <= v.Price || was > MaxPrice)) errors.Add($"{at}.compareAtPrice", "must be greater than the price");
            if (v.Stock < 0) errors.Add($"{at}.stock", "must be 0 or more");
            else if (v.Stock > MaxStock) errors.Add($"{at}.stock", $"must be at most {MaxStock:N0}");
            if (v.Sku is { Length: > 0 } sku && (sku.Length > 64 || sku.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))))
                errors.Add($"{at}.sku", "may contain only letters, digits, '-', '_' and '.' (at most 64)");
            var options = v.Options ?? new Dictionary<string, string>();
            if (options.Keys.Any(k => !optionNames.Contains(k))) errors.Add($"{at}.options", "names an option the product does not have");
            if (optionNames.Count > 0 && options.Count != optionNames.Count) errors.Add($"{at}.options", "must give a value for every option");
            var key = string.Join("|", options.OrderBy(o => o.Key).Select(o => $"{o.Key}={o.Value}"));
            if (!seenCombinations.Add(key)) errors.Add($"{at}.options", "two variants have the same options");
        }
    }

    private static void ValidateAttributes(IReadOnlyDictionary<string, string> values, Category category, ValidationErrors errors)
    {
        var template = category.AttributeTemplate.ToDictionary(a => a.Key, StringComparer.Ordinal);
        foreach (var key in values.Keys.Where(k => !template.ContainsKey(k)))
            errors.Add($"attributes.{key}", $"is not an attribute of {category.Name}");
        foreach (var definition in category.AttributeTemplate)
        {
            var at = $"attributes.{definition.Key}";
            if (!values.TryGetValue(definition.Key, out var value) || string.IsNullOrWhiteSpace(value))
            {
                if (definition.Required) errors.Add(at, $"{definition.Label} is required");
                continue;
            }
            if (value.Length > 500) { errors.Add(at, "must be at most 500 characters"); continue; }
            switch (definition.Type)
            {
                case AttributeType.Number when !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _):
                    errors.Add(at, $"{definition.Label} must be a number"); break;
                case AttributeType.YesNo when value is not ("true" or "false"):
                    errors.Add(at, $"{definition.Label} must be true or false"); break;
                case AttributeType.Date when !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _):
                    errors.Add(at, $"{definition.Label} must be a date (yyyy-MM-dd)"); break;
                case AttributeType.Choice when definition.Options.Count > 0 && !definition.Options.Contains(value):
                    errors.Add(at, $"{definition.Label} must be one of: {string.Join(", ", definition.Options)}"); break;
                case AttributeType.List when definition.Options.Count > 0 &&
                    value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Any(v => !definition.Options.Contains(v)):
                    errors.Add(at, $"{definition.Label} values must be among: {string.Join(", ", definition.Options)}"); break;
            }
        }
    }
}
