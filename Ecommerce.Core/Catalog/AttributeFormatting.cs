using System.Globalization;

namespace Ecommerce.Core.Catalog;

public static class AttributeFormatting
{
    /// <summary>How an attribute value reads on a product page: units after numbers, Yes/No, lists with commas.</summary>
    public static string Display(AttributeDefinition definition, string value) => definition.Type switch
    {
        AttributeType.Number when !string.IsNullOrEmpty(definition.Unit) => $"{value} {definition.Unit}",
        AttributeType.YesNo => bool.TryParse(value, out var yes) ? (yes ? "Yes" : "No") : value,
        AttributeType.List => string.Join(", ", value.Split(['|', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
        AttributeType.Date => DateOnly.TryParse(value, CultureInfo.InvariantCulture, out var d) ? d.ToString("d MMM yyyy", CultureInfo.InvariantCulture) : value,
        _ => value,
    };
}
