using Ecommerce.Web.Hosting;
using System.Security.Claims;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ecommerce.Web.Api;

public sealed record CategoryBody(string? Name, string? Slug, int? ParentId, string? Description);

/// <summary>An attribute definition on the wire; type is a name (Text, Number, Choice, YesNo, List, Date).</summary>
public sealed record AttributeBody(string? Key, string? Label, string? Type, string? Unit, List<string>? Options, bool Required, bool IsFacet)
{
    public static AttributeBody From(AttributeDefinition a) => new(a.Key, a.Label, a.Type.ToString(), a.Unit, a.Options, a.Required, a.IsFacet);

    public AttributeInput ToInput(string? key = null) =>
        new(key ?? Key, Label, Enum.TryParse<AttributeType>(Type, ignoreCase: true, out var type) && Enum.IsDefined(type)
            ? type
            : throw ValidationException.For("type", $"must be one of: {string.Join(", ", Enum.GetNames<AttributeType>())}"),
            Unit, Options, Required, IsFacet);
}

public sealed record CategoryResponse(int Id, string Name, string Slug, int? ParentId, string Description, int Products, IReadOnlyList<AttributeBody> Template)
{
    public static CategoryResponse From(CategoryDetail c) =>
        new(c.Id, c.Name, c.Slug, c.ParentId, c.Description, c.Products, c.Template.Select(AttributeBody.From).ToList());
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
        categories.MapGet("/{id:int}", async (int id, CategoryAdmin catalogue, CancellationToken cancellationToken) =>
                TypedResults.Ok(CategoryResponse.From(await catalogue.GetAsync(id, cancellationToken))))
            .Describe("AdminGetCategory", "One category with its attribute template").ProducesProblem(StatusCodes.Status404NotFound);
        categories.MapPost("", async (HttpRequest request, ClaimsPrincipal user, CategoryAdmin catalogue) =>
            {
                var body = await request.ReadJsonAsync<CategoryBody>();
                var id = await catalogue.CreateAsync(new CategoryInput(body.Name, body.Slug, body.ParentId, body.Description), user.ToAuditActor(), request.HttpContext.RequestAborted);
                return TypedResults.Created($"/api/v1/admin/categories/{id}", CategoryResponse.From(await catalogue.GetAsync(id, request.HttpContext.RequestAborted)));
            })
            .Describe("AdminCreateCategory", "Creates a category (slug made from the name when empty)").Accepts<CategoryBody>("application/json")
            .ProducesValidationProblem();
        categories.MapPut("/{id:int}", async (int id, HttpRequest request, ClaimsPrincipal user, CategoryAdmin catalogue) =>
            {
                var body = await request.ReadJsonAsync<CategoryBody>();
                await catalogue.UpdateAsync(id, new CategoryInput(body.Name, body.Slug, body.ParentId, body.Description), user.ToAuditActor(), request.HttpContext.RequestAborted);
                return TypedResults.Ok(CategoryResponse.From(await catalogue.GetAsync(id, request.HttpContext.RequestAborted)));
            })
            .Describe("AdminUpdateCategory", "Renames, re-slugs or moves a category").Accepts<CategoryBody>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        categories.MapDelete("/{id:int}", async Task<NoContent> (int id, ClaimsPrincipal user, CategoryAdmin catalogue, CancellationToken cancellationToken) =>
            {
                await catalogue.DeleteAsync(id, user.ToAuditActor(), cancellationToken);
                return TypedResults.NoContent();
            })
            .Describe("AdminDeleteCategory", "Deletes a category without products or subcategories (409 otherwise)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        categories.MapPut("/{id:int}/attributes/{key}", async (int id, string key, HttpRequest request, ClaimsPrincipal user, CategoryAdmin catalogue) =>
                TypedResults.Ok(AttributeBody.From(await catalogue.SetAttributeAsync(id, (await request.ReadJsonAsync<AttributeBody>()).ToInput(key), user.ToAuditActor(), request.HttpContext.RequestAborted))))
            .Describe("AdminSetCategoryAttribute", "Adds or edits one attribute of the category's template (409 when products' values forbid the change)")
            .Accepts<AttributeBody>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        categories.MapDelete("/{id:int}/attributes/{key}", async Task<NoContent> (int id, string key, ClaimsPrincipal user, CategoryAdmin catalogue, CancellationToken cancellationToken) =>
            {
                await catalogue.RemoveAttributeAsync(id, key, user.ToAuditActor(), cancellationToken);
                return TypedResults.NoContent();
            })
            .Describe("AdminRemoveCategoryAttribute", "Removes an attribute no product has a value for (409 with the count otherwise)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }
}
