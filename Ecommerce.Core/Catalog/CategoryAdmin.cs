using System.Text.RegularExpressions;
using Ecommerce.Core.Audit;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Ecommerce.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Catalog;

public sealed record CategoryInput(string? Name, string? Slug, int? ParentId, string? Description = null);

public sealed record CategoryRow(int Id, string Name, string Slug, int? ParentId, string? ParentName, int Products, int Attributes);

/// <summary>A category as an admin edits it; <see cref="Version"/> goes back with the next change, which is refused if it is stale.</summary>
public sealed record CategoryDetail(int Id, string Name, string Slug, int? ParentId, string Description, int Products, IReadOnlyList<AttributeDefinition> Template, Guid Version);

/// <summary>An attribute as saved, and the category's version after the save.</summary>
public sealed record AttributeSaved(AttributeDefinition Attribute, Guid Version);

/// <summary>An attribute of a category's template as an admin sets it. An empty key is made from the label.</summary>
public sealed record AttributeInput(string? Key, string? Label, AttributeType Type, string? Unit, IReadOnlyList<string>? Options, bool Required, bool IsFacet);

/// <summary>
/// The catalogue's structure for the admin console (callers check the Admin role): categories (name, slug, parent)
/// and each category's attribute template. Changes that would orphan data are refused with a 409 that says why:
/// deleting a category with products or subcategories, removing an attribute products have values for, changing
/// its type, or dropping a choice products use. Every change is audited in its own transaction. Categories are
/// versioned: a change made with a stale <c>expectedVersion</c>, or racing another admin's, is refused (409) rather than
/// overwriting theirs. A change that alters what search documents carry (name, slug, parent, template) enqueues
/// category.changed, on which every node's index reloads the category's products.
/// </summary>
public sealed partial class CategoryAdmin(IDbContextFactory<AppDbContext> contexts)
{
    public async Task<PagedResult<CategoryRow>> ListAsync(PageRequest page, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var total = await db.Categories.CountAsync(cancellationToken);
        // One query: product counts and parent names come as correlated subqueries, not one query per row.
        var rows = await db.Categories.AsNoTracking().OrderBy(c => c.Name).ThenBy(c => c.Id).Skip(page.Skip).Take(page.PageSize)
            .Select(c => new
            {
                c.Id, c.Name, c.Slug, c.ParentId, ParentName = c.Parent != null ? c.Parent.Name : null,
                Products = db.Products.Count(p => p.CategoryId == c.Id), c.AttributeTemplate,
            })
            .ToListAsync(cancellationToken);
        return new PagedResult<CategoryRow>(
            rows.Select(r => new CategoryRow(r.Id, r.Name, r.Slug, r.ParentId, r.ParentName, r.Products, r.AttributeTemplate.Count)).ToList(),
            total, page.Page, page.PageSize);
    }

    /// <summary>Every category's id and name, for parent pickers (categories are tens, not thousands).</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Categories.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).Take(1000).ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, r.Name)).ToList();
    }

    public async Task<CategoryDetail> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var category = await db.Categories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Category {id}");
        var products = await db.Products.CountAsync(p => p.CategoryId == id, cancellationToken);
        return new CategoryDetail(category.Id, category.Name, category.Slug, category.ParentId, category.Description, products, category.AttributeTemplate, category.Version);
    }

    public async Task<int> CreateAsync(CategoryInput input, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (name, slug, description) = await ValidateAsync(db, null, input, cancellationToken);
        var category = new Category { Name = name, Slug = slug, ParentId = input.ParentId, Description = description };
        db.Categories.Add(category);
        // The audit entry names the new id, so the row is saved first; one transaction keeps the two together.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await SaveAsync(db, category, cancellationToken);
        db.Record(actor, "category.created", "category", category.Id.ToString(), after: new { name, slug, parentId = input.ParentId });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return category.Id;
    }

    /// <summary>Renames, re-slugs or moves a category (never under itself or one of its own subcategories); returns its new version.</summary>
    public async Task<Guid> UpdateAsync(int id, CategoryInput input, AuditActor actor, Guid? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var category = await LoadAsync(db, id, expectedVersion, cancellationToken);
        var (name, slug, description) = await ValidateAsync(db, id, input, cancellationToken);
        var before = new { category.Name, category.Slug, category.ParentId };
        var reindex = name != category.Name || slug != category.Slug || input.ParentId != category.ParentId;
        (category.Name, category.Slug, category.ParentId, category.Description) = (name, slug, input.ParentId, description);
        db.Record(actor, "category.updated", "category", id.ToString(), before: before, after: new { name, slug, parentId = input.ParentId });
        if (reindex) db.Enqueue(EventTypes.CategoryChanged, new CategoryEvent(id));
        await SaveAsync(db, category, cancellationToken);
        return category.Version;
    }

    public async Task DeleteAsync(int id, AuditActor actor, Guid? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var category = await LoadAsync(db, id, expectedVersion, cancellationToken);
        var products = await db.Products.CountAsync(p => p.CategoryId == id, cancellationToken);
        if (products > 0)
            throw new ConflictException($"{category.Name} has {products:N0} products; move them to another category first (a category with products cannot be deleted).");
        var children = await db.Categories.CountAsync(c => c.ParentId == id, cancellationToken);
        if (children > 0)
            throw new ConflictException($"{category.Name} has {children} subcategories; move or delete them first.");
        db.Categories.Remove(category);
        db.Record(actor, "category.deleted", "category", id.ToString(), before: new { category.Name, category.Slug, category.ParentId });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ChangedMeanwhile(category.Name);
        }
        catch (DbUpdateException)
        {
            // A product or subcategory arrived between the check and the delete: the foreign keys refuse it.
            throw new ConflictException($"{category.Name} is in use now; reload and try again.");
        }
    }

    /// <summary>Adds an attribute to the template, or edits the one with the same key.</summary>
    public async Task<AttributeSaved> SetAttributeAsync(int categoryId, AttributeInput input, AuditActor actor, Guid? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var definition = Validate(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var category = await LoadAsync(db, categoryId, expectedVersion, cancellationToken);
        var template = category.AttributeTemplate.Select(Copy).ToList();
        var index = template.FindIndex(a => a.Key == definition.Key);
        var existing = index >= 0 ? template[index] : null;
        if (existing is not null)
        {
            if (existing.Type != definition.Type && await UsesAsync(db, categoryId, existing.Key, cancellationToken) is > 0 and var uses)
                throw new ConflictException($"{uses:N0} products have a value for {existing.Label}; its type cannot change from {existing.Type} to {definition.Type} while they do.");
            if (existing.Type is AttributeType.Choice or AttributeType.List)
            {
                var dropped = existing.Options.Except(definition.Options).ToList();
                if (dropped.Count > 0 && await ProductsWithValuesAsync(db, categoryId, existing.Key, dropped, cancellationToken) is > 0 and var inUse)
                    throw new ConflictException($"{inUse:N0} products use {string.Join(", ", dropped.Select(d => $"\"{d}\""))} for {existing.Label}; change them before removing the choice.");
            }
            template[index] = definition;
        }
        else
        {
            if (template.Count >= 50) throw ValidationException.For("key", "a template has at most 50 attributes");
            template.Add(definition);
        }
        category.AttributeTemplate = template;
        db.Record(actor, existing is null ? "category.attribute-added" : "category.attribute-changed", "category", categoryId.ToString(),
            before: existing, after: definition);
        db.Enqueue(EventTypes.CategoryChanged, new CategoryEvent(categoryId)); // facets and their labels come from the template
        await SaveAsync(db, category, cancellationToken);
        return new AttributeSaved(definition, category.Version);
    }

    /// <summary>Removes an attribute; refused (409, with how many products) while products still have a value for it.</summary>
    public async Task<Guid> RemoveAttributeAsync(int categoryId, string key, AuditActor actor, Guid? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var category = await LoadAsync(db, categoryId, expectedVersion, cancellationToken);
        var existing = category.AttributeTemplate.FirstOrDefault(a => a.Key == key) ?? throw new NotFoundException($"Attribute {key} of {category.Name}");
        var uses = await UsesAsync(db, categoryId, key, cancellationToken);
        if (uses > 0)
            throw new ConflictException($"{uses:N0} products in {category.Name} have a value for {existing.Label}. Removing it would leave those values " +
                "unshown and make those products fail validation on their next save; clear the values (product editor or CSV import) first.");
        category.AttributeTemplate = category.AttributeTemplate.Where(a => a.Key != key).Select(Copy).ToList();
        db.Record(actor, "category.attribute-removed", "category", categoryId.ToString(), before: existing);
        db.Enqueue(EventTypes.CategoryChanged, new CategoryEvent(categoryId));
        await SaveAsync(db, category, cancellationToken);
        return category.Version;
    }

    /// <summary>How many products of the category have a value for the attribute: one count in the database, on its JSON.</summary>
    private static async Task<int> UsesAsync(AppDbContext db, int categoryId, string key, CancellationToken cancellationToken)
    {
        var path = $"$.\"{key}\"";
        return db.Provider switch
        {
            DatabaseProvider.Postgres => await db.Database.SqlQuery<int>($"SELECT COUNT(*)::int AS \"Value\" FROM products WHERE category_id = {categoryId} AND jsonb_exists(attributes, {key})").SingleAsync(cancellationToken),
            DatabaseProvider.SqlServer => await db.Database.SqlQueryRaw<int>(SqlServer.CountWithAttribute, categoryId, key).SingleAsync(cancellationToken),
            _ => await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM products WHERE category_id = {categoryId} AND json_type(attributes, {path}) IS NOT NULL").SingleAsync(cancellationToken),
        };
    }

    /// <summary>How many products of the category use one of the values (a choice, or an item of a list).</summary>
    private static async Task<int> ProductsWithValuesAsync(AppDbContext db, int categoryId, string key, IReadOnlyList<string> values, CancellationToken cancellationToken)
    {
        // Only the products that have the key are read, and only that value of each.
        var path = $"$.\"{key}\"";
        var stored = db.Provider switch
        {
            DatabaseProvider.Postgres => await db.Database.SqlQuery<string>($"SELECT attributes ->> {key} AS \"Value\" FROM products WHERE category_id = {categoryId} AND jsonb_exists(attributes, {key})").ToListAsync(cancellationToken),
            DatabaseProvider.SqlServer => await db.Database.SqlQueryRaw<string>(SqlServer.AttributeValues, categoryId, key).ToListAsync(cancellationToken),
            _ => await db.Database.SqlQuery<string>($"SELECT json_extract(attributes, {path}) AS \"Value\" FROM products WHERE category_id = {categoryId} AND json_type(attributes, {path}) IS NOT NULL").ToListAsync(cancellationToken),
        };
        return stored.Count(v => v.Split(',', StringSplitOptions.TrimEntries).Any(values.Contains));
    }

    private async Task<(string Name, string Slug, string Description)> ValidateAsync(AppDbContext db, int? id, CategoryInput input, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var name = input.Name?.Trim() ?? "";
        var slug = string.IsNullOrWhiteSpace(input.Slug) ? Slug.From(name) : input.Slug.Trim();
        var description = input.Description?.Trim() ?? "";
        if (name.Length == 0) errors.Add("name", "is required");
        else if (name.Length > 120) errors.Add("name", "must be at most 120 characters");
        else if (!UnicodeText.IsWellFormed(name)) errors.Add("name", UnicodeText.Problem);
        if (slug.Length > 100 || !SlugPattern().IsMatch(slug)) errors.Add("slug", "must be 1–100 lower-case letters, digits and single hyphens");
        if (description.Length > 2000) errors.Add("description", "must be at most 2000 characters");
        if (input.ParentId is { } parentId)
        {
            // Categories are few: their parent links are read once to walk up from the new parent.
            var parents = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.ParentId }).ToDictionaryAsync(c => c.Id, c => c.ParentId, cancellationToken);
            if (!parents.ContainsKey(parentId)) errors.Add("parentId", "is not a category");
            else
            {
                int? at = parentId;
                for (var steps = 0; at is { } current && steps <= parents.Count; at = parents[current], steps++)
                    if (current == id) { errors.Add("parentId", "cannot be the category itself or one of its subcategories"); break; }
            }
        }
        if (!errors.Any && await db.Categories.AnyAsync(c => c.Slug == slug && c.Id != id, cancellationToken))
            errors.Add("slug", $"\"{slug}\" is already the slug of another category");
        errors.ThrowIfAny();
        return (name, slug, description);
    }

    /// <summary>
    /// The category, tracked; with <paramref name="expectedVersion"/>, refused at once if it has changed since, and the save
    /// is made conditional on that version (without it, on the version read here), so a racing save cannot be overwritten.
    /// </summary>
    private static async Task<Category> LoadAsync(AppDbContext db, int id, Guid? expectedVersion, CancellationToken cancellationToken)
    {
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new NotFoundException($"Category {id}");
        if (expectedVersion is { } version)
        {
            if (category.Version != version) throw ChangedMeanwhile(category.Name);
            db.Entry(category).Property(c => c.Version).OriginalValue = version;
        }
        return category;
    }

    private static ConflictException ChangedMeanwhile(string name) =>
        new($"{name} was changed by another admin since you opened it; reload it to see their changes, then make yours again.");

    private static async Task SaveAsync(AppDbContext db, Category category, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ChangedMeanwhile(category.Name);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw ValidationException.For("slug", $"\"{category.Slug}\" is already the slug of another category");
        }
    }

    private static AttributeDefinition Validate(AttributeInput input)
    {
        var errors = new ValidationErrors();
        var label = input.Label?.Trim() ?? "";
        var key = string.IsNullOrWhiteSpace(input.Key) ? Slug.From(label, 40).Replace('-', '_') : input.Key.Trim();
        if (label.Length == 0) errors.Add("label", "is required");
        else if (label.Length > 60) errors.Add("label", "must be at most 60 characters");
        if (!KeyPattern().IsMatch(key)) errors.Add("key", "must start with a lower-case letter and hold only lower-case letters, digits and '_' (at most 40)");
        if (!Enum.IsDefined(input.Type)) errors.Add("type", $"must be one of: {string.Join(", ", Enum.GetNames<AttributeType>())}");
        var options = (input.Options ?? []).Select(o => o?.Trim() ?? "").ToList();
        if (input.Type is AttributeType.Choice or AttributeType.List)
        {
            if (options.Count == 0) errors.Add("options", "a choice or list needs at least one option");
            if (options.Any(o => o.Length == 0 || o.Length > 80)) errors.Add("options", "each option must be 1–80 characters");
            if (options.Any(o => o.Contains(','))) errors.Add("options", "an option cannot contain a comma (lists are stored comma-separated)");
            if (options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Count) errors.Add("options", "options must be different from each other");
            if (options.Count > 100) errors.Add("options", "at most 100 options");
        }
        else if (options.Count > 0) errors.Add("options", "only a choice or a list has options");
        var unit = string.IsNullOrWhiteSpace(input.Unit) ? null : input.Unit.Trim();
        if (unit is not null && input.Type != AttributeType.Number) errors.Add("unit", "only a number has a unit");
        else if (unit is { Length: > 16 }) errors.Add("unit", "must be at most 16 characters");
        errors.ThrowIfAny();
        return new AttributeDefinition { Key = key, Label = label, Type = input.Type, Unit = unit, Options = options, Required = input.Required, IsFacet = input.IsFacet };
    }

    // A fresh list of fresh objects, so EF's JSON comparer sees the change.
    private static AttributeDefinition Copy(AttributeDefinition a) =>
        new() { Key = a.Key, Label = a.Label, Type = a.Type, Unit = a.Unit, Options = [.. a.Options], Required = a.Required, IsFacet = a.IsFacet };

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")] private static partial Regex SlugPattern();
    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")] private static partial Regex KeyPattern();

    [SqlServerStatements]
    internal static class SqlServer
    {
        // OPENJSON lists an object's members; its key column compares exactly (binary), like jsonb_exists.
        public const string CountWithAttribute = """
            SELECT COUNT(*) AS [Value] FROM products p
             WHERE p.category_id = {0} AND EXISTS (SELECT 1 FROM OPENJSON(p.attributes) a WHERE a.[key] = {1})
            """;

        public const string AttributeValues = """
            SELECT a.value AS [Value] FROM products p CROSS APPLY OPENJSON(p.attributes) a
             WHERE p.category_id = {0} AND a.[key] = {1}
            """;
    }
}
