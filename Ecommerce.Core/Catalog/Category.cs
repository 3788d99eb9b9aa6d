using Ecommerce.Core.Common;

namespace Ecommerce.Core.Catalog;

/// <summary>A category and its attribute template; versioned, so two admins editing it cannot overwrite each other.</summary>
public class Category : IVersioned
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public string Description { get; set; } = "";
    public int? ParentId { get; set; }
    public Category? Parent { get; set; }
    public int SortOrder { get; set; }
    /// <summary>The attribute template of products in this category (stored as a JSON document).</summary>
    public List<AttributeDefinition> AttributeTemplate { get; set; } = [];
    /// <summary>Option names that products of this kind usually vary by (Size, Colour...).</summary>
    public List<string> VariantOptions { get; set; } = [];
    public Guid Version { get; set; }
}
