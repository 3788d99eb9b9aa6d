using Bogus;
using Ecommerce.Core.Catalog;

namespace Ecommerce.Core.Data.Seeding.Kinds;

internal sealed class BookKind : ProductKind
{
    private static readonly string[] Publishers = ["Paper Lantern Press", "Meridian House", "Blackbird Books", "Harborlight", "Quill & Ink", "Northstar Editions"];
    private static readonly string[] Languages = ["English", "Spanish", "French", "German"];
    private static readonly string[] Genres = ["Fiction", "Mystery", "Science Fiction", "Fantasy", "Romance", "Biography", "History", "Science", "Cooking", "Business", "Children's", "Self-Help"];
    private static readonly string[] FirstNames = ["Amelia", "Jonah", "Priya", "Tomás", "Hannah", "Kenji", "Olivia", "Samuel", "Nadia", "Elliot", "Grace", "Mateo", "Ingrid", "Felix", "Zara", "Owen", "Leila", "Rafael", "Clara", "Desmond"];
    private static readonly string[] LastNames = ["Whitaker", "Okafor", "Lindqvist", "Moreau", "Castellanos", "Hartley", "Nakamura", "Ashford", "Brennan", "Delacroix", "Fairbanks", "Kowalski", "Mendel", "Quinlan", "Ramsay", "Sørensen", "Thorne", "Vasquez"];
    private static readonly string[] Adjectives = ["Silent", "Last", "Hidden", "Forgotten", "Burning", "Quiet", "Endless", "Crimson", "Winter", "Golden", "Broken", "Salt"];
    private static readonly string[] Nouns = ["Garden", "River", "Lighthouse", "Orchard", "Kingdom", "Archive", "Harbor", "Signal", "Map", "Library", "Tide", "Compass"];
    private static readonly string[] Places = ["Lisbon", "the North", "Glass Mountain", "Ashwood", "the Deep", "Marrow Street", "the Old Quarter"];
    private static readonly string[] Topics = ["Habits", "Bread", "Negotiation", "the Ocean", "Sleep", "Money", "Gardening", "the Stars", "Attention", "Fermentation"];

    public override string Slug => "books";
    public override string Name => "Books";
    public override string Description => "Novels, non-fiction, cookbooks and children's books.";
    public override IReadOnlyList<string> VariantOptions => ["Format"];
    public override IReadOnlyList<string> Views => ["front cover", "back cover", "spine"];

    public override IReadOnlyList<AttributeDefinition> Template { get; } =
    [
        Attr.Text("author", "Author", required: true),
        Attr.Number("pages", "Pages", null),
        Attr.Text("isbn", "ISBN-13", required: true),
        Attr.Choice("language", "Language", Languages),
        Attr.Choice("genre", "Genre", Genres),
        Attr.Text("publisher", "Publisher"),
        Attr.Date("published", "Publication date"),
    ];

    public override ProductDraft Create(Randomizer r, DateOnly today)
    {
        var genre = r.ArrayElement(Genres);
        var title = Title(r, genre);
        var author = $"{r.ArrayElement(FirstNames)} {r.ArrayElement(LastNames)}";
        var publisher = r.ArrayElement(Publishers);
        var pages = genre == "Children's" ? r.Number(24, 64) : r.Number(160, 720);
        var language = r.WeightedRandom(Languages, [0.82f, 0.08f, 0.05f, 0.05f]);
        var price = 7m + pages * 0.025m + r.Decimal(0m, 8m);
        var formats = r.Bool(0.6f) ? Single("Format", [("Paperback", 0m), ("Hardcover", Math.Round(price * 0.6m))]) : [];

        return new ProductDraft
        {
            Name = $"{title} by {author}",
            Brand = publisher,
            BasePrice = price,
            Attributes = new()
            {
                ["author"] = author, ["pages"] = Num(pages), ["isbn"] = Isbn13(r), ["language"] = language,
                ["genre"] = genre, ["publisher"] = publisher,
                ["published"] = today.AddDays(-r.Number(30, 365 * 25)).ToString("yyyy-MM-dd"),
            },
            Intro = Blurb(r, genre, title, author),
            Highlights = [$"{pages} pages, {language}", $"Published by {publisher}", genre == "Children's" ? "Read-aloud friendly, ages 4–8" : "A staff pick at our shop"],
            Variants = formats,
            Tags = [genre.ToLowerInvariant(), "book", language.ToLowerInvariant()],
            ImageSubject = $"Cover of “{title}” by {author}",
        };
    }

    private static string Title(Randomizer r, string genre) => genre switch
    {
        "Cooking" => $"The {r.ArrayElement(Adjectives)} Kitchen",
        "Business" or "Self-Help" or "Science" => $"On {r.ArrayElement(Topics)}: {r.ArrayElement(new[] { "A Practical Guide", "What We Know", "A Short History", "Notes from the Field" })}",
        "History" or "Biography" => $"The {r.ArrayElement(Nouns)} of {r.ArrayElement(Places)}",
        _ => r.Number(2) switch
        {
            0 => $"The {r.ArrayElement(Adjectives)} {r.ArrayElement(Nouns)}",
            1 => $"A {r.ArrayElement(Nouns)} in {r.ArrayElement(Places)}",
            _ => $"The {r.ArrayElement(Nouns)}keeper's {r.ArrayElement(new[] { "Daughter", "Promise", "Secret", "Journey" })}",
        },
    };

    private static string Blurb(Randomizer r, string genre, string title, string author) => genre switch
    {
        "Mystery" => $"When a letter arrives thirty years too late, a retired detective is pulled back into the case that ended her career. {author} keeps the reader guessing until the last page.",
        "Science Fiction" or "Fantasy" => $"In a world where the {r.ArrayElement(Nouns).ToLowerInvariant()} remembers everything, one apprentice learns what it cost to forget. *{title}* is {author}'s most ambitious novel yet.",
        "Cooking" => $"Eighty recipes for weeknights and slow Sundays, with the techniques explained so you can improvise. {author} cooks the way most of us want to: simply, generously.",
        "Children's" => $"A gentle, funny story about friendship and trying again, with warm illustrations on every page.",
        "Business" or "Self-Help" or "Science" => $"{author} turns years of research into clear, practical chapters, with stories that make the ideas stick.",
        _ => $"*{title}* follows three generations of one family across a century of change. {author} writes with warmth and a sharp eye for detail.",
    };

    /// <summary>A well-formed ISBN-13 (978 prefix, valid check digit), so validators accept it.</summary>
    private static string Isbn13(Randomizer r)
    {
        var digits = "978" + r.Replace("#########");
        var sum = 0;
        for (var i = 0; i < 12; i++) sum += (digits[i] - '0') * (i % 2 == 0 ? 1 : 3);
        return digits + (char)('0' + (10 - sum % 10) % 10);
    }
}
