namespace Ecommerce.Core.Catalog;

public enum AttributeType { Text = 0, Number = 1, Choice = 2, YesNo = 3, List = 4, Date = 5 }

/// <summary>
/// One attribute in a category's template: what products of that kind describe about themselves
/// (a laptop's RAM, a shirt's material, food's best-before date) and whether shoppers can filter on it.
/// Values are stored as strings in Product.Attributes: numbers in invariant culture, yes/no as "true"/"false",
/// dates as yyyy-MM-dd, lists joined with ", ".
/// </summary>
public sealed class AttributeDefinition
{
    public required string Key { get; set; }
    public required string Label { get; set; }
    public AttributeType Type { get; set; }
    /// <summary>For numbers: the unit shown after the value (GB, g, cm).</summary>
    public string? Unit { get; set; }
    /// <summary>For choices and lists: the allowed values.</summary>
    public List<string> Options { get; set; } = [];
    public bool Required { get; set; }
    /// <summary>Shown as a facet in search.</summary>
    public bool IsFacet { get; set; }
}
