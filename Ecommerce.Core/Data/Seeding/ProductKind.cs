using System.Globalization;
using Bogus;
using Ecommerce.Core.Catalog;

namespace Ecommerce.Core.Data.Seeding;

/// <summary>
/// One kind of product in the demo catalogue (clothing, laptops, food...): its category, the attribute
/// template of that category, and a generator of believable products of that kind.
/// Kinds are stateless: one instance generates products on several threads, each with its own
/// <see cref="Randomizer"/> seeded by the product's number, so the catalogue is the same on every run.
/// </summary>
/// <remarks>
/// Attribute values are strings (Product.Attributes is a string map); the demo data writes them as
/// Number: invariant culture ("15.6"), YesNo: "true"/"false", Date: ISO "yyyy-MM-dd",
/// List: the chosen options joined by ", ", Choice: one of the options.
/// </remarks>
internal abstract class ProductKind
{
    /// <summary>Category slug; also the kind name of the generated images (<see cref="ProductArt"/>).</summary>
    public abstract string Slug { get; }
    public abstract string Name { get; }
    public abstract string Description { get; }
    /// <summary>Slug of the parent category (Fashion, Electronics), or null for a top-level category.</summary>
    public virtual string? ParentSlug => null;
    public abstract IReadOnlyList<AttributeDefinition> Template { get; }
    public virtual IReadOnlyList<string> VariantOptions => [];
    /// <summary>What the 1–3 pictures of a product show, used in their alt text.</summary>
    public virtual IReadOnlyList<string> Views => ["front view", "detail view", "side view"];

    /// <param name="r">This product's own random source.</param>
    /// <param name="today">The seeding date, for dates relative to now (best-before).</param>
    public abstract ProductDraft Create(Randomizer r, DateOnly today);

    // Small helpers shared by the kinds.

    protected static string Num(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
    protected static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
    protected static string YesNo(bool value) => value ? "true" : "false";
    protected static string ListOf(IEnumerable<string> values) => string.Join(", ", values);

    /// <summary>A few distinct items of <paramref name="items"/>, in their original order.</summary>
    protected static List<string> Some(Randomizer r, string[] items, int min, int max)
    {
        var count = Math.Min(items.Length, r.Number(min, max));
        return r.ArrayElements(items, count).OrderBy(i => Array.IndexOf(items, i)).ToList();
    }

    /// <summary>Variants for every combination of the given option values.</summary>
    protected static List<VariantDraft> Combine(string optionA, IEnumerable<string> valuesA, string optionB, IEnumerable<(string Value, decimal Delta)> valuesB) =>
        valuesA.SelectMany(a => valuesB.Select(b => new VariantDraft(
            new Dictionary<string, string> { [optionA] = a, [optionB] = b.Value }, b.Delta))).ToList();

    protected static List<VariantDraft> Single(string option, IEnumerable<string> values) =>
        values.Select(v => new VariantDraft(new Dictionary<string, string> { [option] = v }, 0m)).ToList();

    protected static List<VariantDraft> Single(string option, IEnumerable<(string Value, decimal Delta)> values) =>
        values.Select(v => new VariantDraft(new Dictionary<string, string> { [option] = v.Value }, v.Delta)).ToList();
}

/// <summary>A generated product before it becomes entities: what a kind decides, nothing about ids or stock.</summary>
internal sealed class ProductDraft
{
    public required string Name { get; init; }
    public required string Brand { get; init; }
    /// <summary>Price of the cheapest variant before retail rounding.</summary>
    public required decimal BasePrice { get; init; }
    public required Dictionary<string, string> Attributes { get; init; }
    /// <summary>First paragraph of the description.</summary>
    public required string Intro { get; init; }
    /// <summary>Bullet points of the description.</summary>
    public required List<string> Highlights { get; init; }
    /// <summary>Empty for a product with a single, default variant.</summary>
    public List<VariantDraft> Variants { get; init; } = [];
    public List<string> Tags { get; init; } = [];
    /// <summary>What a picture of it shows, e.g. "Navy organic cotton hoodie".</summary>
    public required string ImageSubject { get; init; }
    /// <summary>The picture's kind (<see cref="ProductArt"/>) when the category's own icon would show something else.</summary>
    public string? Picture { get; init; }
}

internal readonly record struct VariantDraft(Dictionary<string, string> Options, decimal PriceDelta);

/// <summary>Short constructors for attribute definitions, so templates read like a table.</summary>
internal static class Attr
{
    public static AttributeDefinition Text(string key, string label, bool required = false) =>
        new() { Key = key, Label = label, Type = AttributeType.Text, Required = required };

    public static AttributeDefinition Number(string key, string label, string? unit, bool facet = false, bool required = false) =>
        new() { Key = key, Label = label, Type = AttributeType.Number, Unit = unit, IsFacet = facet, Required = required };

    public static AttributeDefinition Choice(string key, string label, string[] options, bool facet = true, bool required = false) =>
        new() { Key = key, Label = label, Type = AttributeType.Choice, Options = [.. options], IsFacet = facet, Required = required };

    public static AttributeDefinition YesNo(string key, string label, bool facet = true) =>
        new() { Key = key, Label = label, Type = AttributeType.YesNo, IsFacet = facet };

    public static AttributeDefinition List(string key, string label, string[] options, bool facet = false) =>
        new() { Key = key, Label = label, Type = AttributeType.List, Options = [.. options], IsFacet = facet };

    public static AttributeDefinition Date(string key, string label, bool required = false) =>
        new() { Key = key, Label = label, Type = AttributeType.Date, Required = required };
}
