using Ecommerce.Core.Audit;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Common;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Admin;

/// <summary>
/// Categories and attribute templates as an admin edits them, on each provider: validation, the parent tree, the
/// 409s that protect products (delete, remove or retype a used attribute, drop a used choice), and the audit log.
/// </summary>
public abstract class CategoryAdminTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    private static readonly AuditActor Admin = AuditActor.User("cat-admin", "cat-admin@test.local");
    private CategoryAdmin Catalogue => database.Services.GetRequiredService<CategoryAdmin>();

    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>A category (from TestData: attribute "ram") with one product whose RAM is 16.</summary>
    private async Task<int> CategoryWithProductAsync(Dictionary<string, string>? attributes = null)
    {
        await using var db = database.NewContext();
        var (shop, category) = await TestData.ShopWithCategoryAsync(db, $"c-{Guid.NewGuid():N}"[..20]);
        var product = TestData.Product(shop, category, "Laptop", 900m, 3);
        if (attributes is not null) product.Attributes = attributes;
        db.Products.Add(product);
        await db.SaveChangesAsync();
        return category.Id;
    }

    [DatabaseFact]
    public async Task Categories_are_created_with_a_slug_renamed_and_moved_and_the_changes_are_audited()
    {
        var name = Unique("Outdoor Gear");
        var parent = await Catalogue.CreateAsync(new CategoryInput(name, null, null), Admin);
        var child = await Catalogue.CreateAsync(new CategoryInput(Unique("Tents"), null, parent), Admin);

        var created = await Catalogue.GetAsync(parent);
        Assert.Equal(Slug.From(name), created.Slug);
        Assert.Equal(parent, (await Catalogue.GetAsync(child)).ParentId);

        var renamed = Unique("Camping");
        await Catalogue.UpdateAsync(child, new CategoryInput(renamed, "camping-" + child, null), Admin);
        var moved = await Catalogue.GetAsync(child);
        Assert.Equal((renamed, "camping-" + child, (int?)null), (moved.Name, moved.Slug, moved.ParentId));

        var rows = await Catalogue.ListAsync(new PageRequest(1, 100));
        Assert.Contains(rows.Items, r => r.Id == child && r.Name == renamed);

        var log = database.Services.GetRequiredService<AuditLog>();
        var entries = (await log.SearchAsync(new AuditQuery(SubjectType: "category", SubjectId: child.ToString()), new PageRequest(1, 10))).Items;
        Assert.Equal(["category.updated", "category.created"], entries.Select(e => e.Action).ToArray());
        Assert.Contains(renamed, entries[0].After);
        Assert.Equal("cat-admin@test.local", entries[0].ActorName);
    }

    [DatabaseFact]
    public async Task A_save_from_a_stale_read_is_refused_and_overwrites_nothing()
    {
        var id = await Catalogue.CreateAsync(new CategoryInput(Unique("Kitchen"), null, null), Admin);
        var read = (await Catalogue.GetAsync(id)).Version; // both admins open the category
        var first = Unique("Cookware");
        var afterFirst = await Catalogue.UpdateAsync(id, new CategoryInput(first, null, null), Admin, read);
        Assert.NotEqual(read, afterFirst);

        // The second admin's changes, all made from the first read, are refused and change nothing.
        var rename = await Assert.ThrowsAsync<ConflictException>(() => Catalogue.UpdateAsync(id, new CategoryInput(Unique("Bakeware"), null, null), Admin, read));
        Assert.Contains("changed by another admin", rename.Message);
        Assert.Contains("reload", rename.Message);
        await Assert.ThrowsAsync<ConflictException>(() =>
            Catalogue.SetAttributeAsync(id, new AttributeInput(null, "Material", AttributeType.Text, null, null, false, false), Admin, read));
        await Assert.ThrowsAsync<ConflictException>(() => Catalogue.DeleteAsync(id, Admin, read));
        var unchanged = await Catalogue.GetAsync(id);
        Assert.Equal((first, afterFirst, 0), (unchanged.Name, unchanged.Version, unchanged.Template.Count));

        // From the current version every change goes through, and each gives the next version.
        var saved = await Catalogue.SetAttributeAsync(id, new AttributeInput(null, "Material", AttributeType.Text, null, null, false, false), Admin, afterFirst);
        Assert.Equal(saved.Version, (await Catalogue.GetAsync(id)).Version);
        await Assert.ThrowsAsync<ConflictException>(() => Catalogue.RemoveAttributeAsync(id, "material", Admin, afterFirst));
        var removed = await Catalogue.RemoveAttributeAsync(id, "material", Admin, saved.Version);
        await Catalogue.DeleteAsync(id, Admin, removed);
        await Assert.ThrowsAsync<NotFoundException>(() => Catalogue.GetAsync(id));
    }

    [DatabaseFact]
    public async Task Admins_adding_attributes_at_the_same_moment_lose_none_a_racing_save_is_refused_instead()
    {
        var id = await Catalogue.CreateAsync(new CategoryInput(Unique("Garden"), null, null), Admin);
        // Without a version each save is still conditional on the version it read: a lost update would leave fewer
        // attributes in the template than saves that succeeded.
        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            try
            {
                await Catalogue.SetAttributeAsync(id, new AttributeInput($"attr_{i}", $"Attribute {i}", AttributeType.Text, null, null, false, false), Admin);
                return $"attr_{i}";
            }
            catch (ConflictException e)
            {
                Assert.Contains("changed by another admin", e.Message);
                return null;
            }
        }));
        var saved = attempts.OfType<string>().Order().ToArray();
        Assert.NotEmpty(saved);
        Assert.Equal(saved, (await Catalogue.GetAsync(id)).Template.Select(a => a.Key).Order().ToArray());
    }

    [DatabaseFact]
    public async Task Bad_category_input_names_each_field()
    {
        var taken = await Catalogue.CreateAsync(new CategoryInput(Unique("Taken"), null, null), Admin);
        var takenSlug = (await Catalogue.GetAsync(taken)).Slug;

        var empty = await Assert.ThrowsAsync<ValidationException>(() => Catalogue.CreateAsync(new CategoryInput("  ", "Not A Slug!", 999999), Admin));
        Assert.Equal(["name", "parentId", "slug"], empty.Errors.Keys.Order().ToArray());
        var duplicate = await Assert.ThrowsAsync<ValidationException>(() => Catalogue.CreateAsync(new CategoryInput("Other", takenSlug, null), Admin));
        Assert.Contains(takenSlug, duplicate.Errors["slug"].Single());

        // A category can go under neither itself nor one of its own subcategories.
        var child = await Catalogue.CreateAsync(new CategoryInput(Unique("Child"), null, taken), Admin);
        var grandchild = await Catalogue.CreateAsync(new CategoryInput(Unique("Grandchild"), null, child), Admin);
        var self = await Assert.ThrowsAsync<ValidationException>(() => Catalogue.UpdateAsync(taken, new CategoryInput("Taken", takenSlug, taken), Admin));
        Assert.Contains("parentId", self.Errors.Keys);
        var cycle = await Assert.ThrowsAsync<ValidationException>(() => Catalogue.UpdateAsync(taken, new CategoryInput("Taken", takenSlug, grandchild), Admin));
        Assert.Contains("parentId", cycle.Errors.Keys);
        await Assert.ThrowsAsync<NotFoundException>(() => Catalogue.UpdateAsync(999999, new CategoryInput("X", null, null), Admin));
    }

    [DatabaseFact]
    public async Task A_category_with_products_or_subcategories_is_not_deleted_and_an_empty_one_is()
    {
        var withProducts = await CategoryWithProductAsync();
        var refused = await Assert.ThrowsAsync<ConflictException>(() => Catalogue.DeleteAsync(withProducts, Admin));
        Assert.Contains("1 products", refused.Message);

        var parent = await Catalogue.CreateAsync(new CategoryInput(Unique("Parent"), null, null), Admin);
        var child = await Catalogue.CreateAsync(new CategoryInput(Unique("Child"), null, parent), Admin);
        Assert.Contains("subcategories", (await Assert.ThrowsAsync<ConflictException>(() => Catalogue.DeleteAsync(parent, Admin))).Message);

        await Catalogue.DeleteAsync(child, Admin);
        await Catalogue.DeleteAsync(parent, Admin);
        await Assert.ThrowsAsync<NotFoundException>(() => Catalogue.GetAsync(parent));
        await using var db = database.NewContext();
        Assert.True(await db.Categories.AnyAsync(c => c.Id == withProducts));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "category.deleted" && e.SubjectId == parent.ToString()));
    }

    [DatabaseFact]
    public async Task Attribute_definitions_are_validated()
    {
        var category = await Catalogue.CreateAsync(new CategoryInput(Unique("Pantry"), null, null), Admin);
        var choiceWithout = await Assert.ThrowsAsync<ValidationException>(() =>
            Catalogue.SetAttributeAsync(category, new AttributeInput("Bad Key", "", AttributeType.Choice, "kg", [], false, true), Admin));
        Assert.Equal(["key", "label", "options", "unit"], choiceWithout.Errors.Keys.Order().ToArray());
        var duplicates = await Assert.ThrowsAsync<ValidationException>(() =>
            Catalogue.SetAttributeAsync(category, new AttributeInput(null, "Diet", AttributeType.List, null, ["Vegan", "vegan", "a,b"], false, true), Admin));
        Assert.Equal(2, duplicates.Errors["options"].Length);
        var textWithOptions = await Assert.ThrowsAsync<ValidationException>(() =>
            Catalogue.SetAttributeAsync(category, new AttributeInput(null, "Brand", AttributeType.Text, null, ["x"], false, false), Admin));
        Assert.Contains("options", textWithOptions.Errors.Keys);

        var saved = await Catalogue.SetAttributeAsync(category, new AttributeInput(null, "Best before", AttributeType.Date, null, null, true, false), Admin);
        Assert.Equal("best_before", saved.Attribute.Key);
        var template = (await Catalogue.GetAsync(category)).Template;
        Assert.Equal((AttributeType.Date, true, false), (Assert.Single(template).Type, template[0].Required, template[0].IsFacet));
    }

    [DatabaseFact]
    public async Task Removing_or_retyping_an_attribute_products_use_is_refused_with_the_reason_and_an_unused_one_goes()
    {
        var category = await CategoryWithProductAsync(new() { ["ram"] = "16", ["colour"] = "Red" });
        await Catalogue.SetAttributeAsync(category, new AttributeInput("colour", "Colour", AttributeType.Choice, null, ["Red", "Blue", "Green"], false, true), Admin);
        await Catalogue.SetAttributeAsync(category, new AttributeInput("warranty", "Warranty", AttributeType.Number, "years", null, false, false), Admin);

        var remove = await Assert.ThrowsAsync<ConflictException>(() => Catalogue.RemoveAttributeAsync(category, "ram", Admin));
        Assert.Contains("1 products", remove.Message);
        Assert.Contains("RAM", remove.Message);
        var retype = await Assert.ThrowsAsync<ConflictException>(() =>
            Catalogue.SetAttributeAsync(category, new AttributeInput("ram", "RAM", AttributeType.Text, null, null, false, true), Admin));
        Assert.Contains("type cannot change", retype.Message);
        var dropUsed = await Assert.ThrowsAsync<ConflictException>(() =>
            Catalogue.SetAttributeAsync(category, new AttributeInput("colour", "Colour", AttributeType.Choice, null, ["Blue", "Green"], false, true), Admin));
        Assert.Contains("\"Red\"", dropUsed.Message);

        // Unused: a choice nobody picked, an attribute nobody filled, a relabel of a used one.
        await Catalogue.SetAttributeAsync(category, new AttributeInput("colour", "Colour", AttributeType.Choice, null, ["Red", "Blue"], false, true), Admin);
        await Catalogue.RemoveAttributeAsync(category, "warranty", Admin);
        await Catalogue.SetAttributeAsync(category, new AttributeInput("ram", "Memory", AttributeType.Number, "GB", null, true, true), Admin);
        var template = (await Catalogue.GetAsync(category)).Template;
        Assert.Equal(["ram", "colour"], template.Select(a => a.Key).ToArray());
        Assert.Equal(["Red", "Blue"], template[1].Options);
        Assert.Equal("Memory", template[0].Label);
        await Assert.ThrowsAsync<NotFoundException>(() => Catalogue.RemoveAttributeAsync(category, "warranty", Admin));

        await using var db = database.NewContext();
        var actions = await db.AuditEntries.Where(e => e.SubjectType == "category" && e.SubjectId == category.ToString())
            .Select(e => e.Action).ToListAsync();
        Assert.Equal(2, actions.Count(a => a == "category.attribute-added"));
        Assert.Equal(2, actions.Count(a => a == "category.attribute-changed"));
        Assert.Equal(1, actions.Count(a => a == "category.attribute-removed"));
    }
}

public sealed class SqliteCategoryAdminTests(SqliteTestDatabase database) : CategoryAdminTests<SqliteTestDatabase>(database);

public sealed class PostgresCategoryAdminTests(PostgresTestDatabase database) : CategoryAdminTests<PostgresTestDatabase>(database);

[RequiresSqlServer]
public sealed class SqlServerCategoryAdminTests(SqlServerTestDatabase database) : CategoryAdminTests<SqlServerTestDatabase>(database);
