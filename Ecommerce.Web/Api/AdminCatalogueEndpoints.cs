using Ecommerce.Web.Hosting;
using System.Security.Claims;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ecommerce.Web.Api;

/// <summary>A category to create or change; <c>version</c> (or an If-Match header) makes a change conditional on what was read.</summary>
public sealed record CategoryBody(string? Name, string? Slug, int? ParentId, string? Description, Guid? Version = null);

/// <summary>
/// An attribute definition on the wire; type is a name (Text, Number, Choice, YesNo, List, Date). <c>version</c> is the
/// category's: sent, it makes the change conditional (like If-Match); answered, it is the category's version after the save.
/// </summary>
public sealed record AttributeBody(string? Key, string? Label, string? Type, string? Unit, List<string>? Options, bool Required, bool IsFacet, Guid? Version = null)
{
    public static AttributeBody From(AttributeDefinition a, Guid? version = null) => new(a.Key, a.Label, a.Type.ToString(), a.Unit, a.Options, a.Required, a.IsFacet, version);

    public AttributeInput ToInput(string? key = null) =>
        new(key ?? Key, Label, Enum.TryParse<AttributeType>(Type, ignoreCase: true, out var type) && Enum.IsDefined(type)
            ? type
            : throw ValidationException.For("type", $"must be one of: {string.Join(", ", Enum.GetNames<AttributeType>())}"),
            Unit, Options, Required, IsFacet);
}

public sealed record CategoryResponse(int Id, string Name, string Slug, int? ParentId, string Description, int Products, IReadOnlyList<AttributeBody> Template, Guid Version)
{
    public static CategoryResponse From(CategoryDetail c) =>
        new(c.Id, c.Name, c.Slug, c.ParentId, c.Description, c.Products, c.Template.Select(a => AttributeBody.From(a)).ToList(), c.Version);
}

/// <summary>/api/v1/admin/categories: the catalogue's categories and their attribute templates (CategoryAdmin).</summary>
internal static class AdminCatalogueEndpoints
{
    public static void MapAdminCatalogue(this RouteGroupBuilder admin)
    {
        var categories = admin.MapGroup("/categories").WithTags("Admin");
        categories.MapGet("", async (HttpRequest request, CategoryAdmin catalogue) =>
                TypedResults.Ok(await catalogue.ListAsync(PageRequest.Of(request.QueryInt("page", 1, 1_000_000), request.QueryInt("pageSize", 1, PageRequest.MaxPageSize), 50),
                    request.HttpContext.RequestAborted)))
            .Describe("AdminListCategories", "Categories with their parent, product count and attribute count, a page at a time")
            .WithIntQuery("page", "Page number, from 1").WithIntQuery("pageSize", "1 to 100 (default 50)").ProducesValidationProblem();
        categories.MapGet("/{id:int}", async (int id, HttpRequest request, CategoryAdmin catalogue) =>
                TypedResults.Ok(Versioned(request, await catalogue.GetAsync(id, request.HttpContext.RequestAborted))))
            .Describe("AdminGetCategory", "One category with its attribute template; its version is the ETag").ProducesProblem(StatusCodes.Status404NotFound);
        categories.MapPost("", async (HttpRequest request, ClaimsPrincipal user, CategoryAdmin catalogue) =>
            {
                var body = await request.ReadJsonAsync<CategoryBody>();
                var id = await catalogue.CreateAsync(new CategoryInput(body.Name, body.Slug, body.ParentId, body.Description), user.ToAuditActor(), request.HttpContext.RequestAborted);
                return TypedResults.Created($"/api/v1/admin/categories/{id}", Versioned(request, await catalogue.GetAsync(id, request.HttpContext.RequestAborted)));
            })
            .Describe("AdminCreateCategory", "Creates a category (slug made from the name when empty)").Accepts<CategoryBody>("application/json")
            .ProducesValidationProblem();
        categories.MapPut("/{id:int}", async (int id, HttpRequest request, ClaimsPrincipal user, CategoryAdmin catalogue) =>
            {
                var expected = request.IfMatchVersion();
                var body = await request.ReadJsonAsync<CategoryBody>();
                await catalogue.UpdateAsync(id, new CategoryInput(body.Name, body.Slug, body.ParentId, body.Description), user.ToAuditActor(),
                    expected ?? body.Version, request.HttpContext.RequestAborted);
                return TypedResults.Ok(Versioned(request, await catalogue.GetAsync(id, request.HttpContext.RequestAborted)));
            })
            .Describe("AdminUpdateCategory", "Renames, re-slugs or moves a category; If-Match or version makes it conditional (409 when stale)")
            .Accepts<CategoryBody>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        categories.MapDelete("/{id:int}", async Task<NoContent> (int id, HttpRequest request, ClaimsPrincipal user, CategoryAdmin catalogue) =>
            {
                await catalogue.DeleteAsync(id, user.ToAuditActor(), request.IfMatchVersion(), request.HttpContext.RequestAborted);
                return TypedResults.NoContent();
            })
            .Describe("AdminDeleteCategory", "Deletes a category without products or subcategories (409 otherwise, or when If-Match is stale)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        categories.MapPut("/{id:int}/attributes/{key}", async (int id, string key, HttpRequest request, ClaimsPrincipal user, CategoryAdmin catalogue) =>
            {
                var expected = request.IfMatchVersion();
                var body = await request.ReadJsonAsync<AttributeBody>();
                var saved = await catalogue.SetAttributeAsync(id, body.ToInput(key), user.ToAuditActor(), expected ?? body.Version, request.HttpContext.RequestAborted);
                request.HttpContext.Response.Headers.ETag = $"\"{saved.Version}\"";
                return TypedResults.Ok(AttributeBody.From(saved.Attribute, saved.Version));
            })
            .Describe("AdminSetCategoryAttribute", "Adds or edits one attribute of the category's template (409 when products' values forbid the change, " +
                "or when If-Match or version is stale)")
            .Accepts<AttributeBody>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        categories.MapDelete("/{id:int}/attributes/{key}", async Task<NoContent> (int id, string key, HttpRequest request, ClaimsPrincipal user, CategoryAdmin catalogue) =>
            {
                var version = await catalogue.RemoveAttributeAsync(id, key, user.ToAuditActor(), request.IfMatchVersion(), request.HttpContext.RequestAborted);
                request.HttpContext.Response.Headers.ETag = $"\"{version}\"";
                return TypedResults.NoContent();
            })
            .Describe("AdminRemoveCategoryAttribute", "Removes an attribute no product has a value for (409 with the count otherwise)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>The category with its version as ETag, for a later If-Match.</summary>
    private static CategoryResponse Versioned(HttpRequest request, CategoryDetail category)
    {
        request.HttpContext.Response.Headers.ETag = $"\"{category.Version}\"";
        return CategoryResponse.From(category);
    }
}
