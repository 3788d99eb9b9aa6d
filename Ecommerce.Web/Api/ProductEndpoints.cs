using Ecommerce.Core.Catalog;
using Ecommerce.Core.Common;
using Ecommerce.Core.Inventory;
using Ecommerce.Core.Media;
using Ecommerce.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace Ecommerce.Web.Api;

/// <summary>
/// The merchant product API under /api/v1/products (and POST /register-product, the path merchants already use).
/// Every call acts for the shop of the request's API key; another shop's product is "not found".
/// Core writes the events (product.registered/updated/deleted, stock.changed) in the same transaction.
/// </summary>
internal static class ProductEndpoints
{
    public static IEndpointRouteBuilder MapProductEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var products = endpoints.MapGroup("/api/v1/products").WithTags("Products")
            .RequireAuthorization(ApiKeyAuthentication.Policy).WithProblemMapping(ProductWire.FieldNames(null))
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        Describe(products.MapPost("", CreateAsync), "CreateProduct", "Register a product in the key's shop")
            .Accepts<ProductRequest>("application/json").Produces<ProductResponse>(StatusCodes.Status201Created).ProducesValidationProblem();
        Describe(endpoints.MapPost("/register-product", CreateAsync), "RegisterProduct", "Register a product (same as POST /api/v1/products)")
            .WithTags("Products").RequireAuthorization(ApiKeyAuthentication.Policy).WithProblemMapping(ProductWire.FieldNames(null))
            .Accepts<ProductRequest>("application/json").Produces<ProductResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        Describe(products.MapGet("", ListAsync), "ListProducts", "The key's shop's products, a page at a time (page, page_size ≤ 100)")
            .Produces<ProductPageResponse>().ProducesValidationProblem();
        Describe(products.MapGet("/{id:int}", GetAsync), "GetProduct", "A product of the key's shop")
            .Produces<ProductResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        Describe(products.MapPut("/{id:int}", ReplaceAsync), "ReplaceProduct", "Replace a product; If-Match or version makes it conditional")
            .Accepts<ProductRequest>("application/json").Produces<ProductResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        Describe(products.MapPatch("/{id:int}", PatchAsync), "PatchProduct", "Change only the given fields of a product")
            .Accepts<ProductRequest>("application/json").Produces<ProductResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        Describe(products.MapDelete("/{id:int}", DeleteAsync), "DeleteProduct", "Delete a product")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        Describe(products.MapPatch("/{id:int}/stock", ChangeStockAsync), "ChangeProductStock", "Set (remaining_supply) or adjust (delta) a variant's stock")
            .Accepts<StockRequest>("application/json").Produces<StockResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        // Multipart from a script with an API key, not a browser form with cookies: no antiforgery token to check.
        Describe(products.MapPost("/{id:int}/images", AddImageAsync), "AddProductImage",
                "Upload an image (PNG, JPEG or WebP, checked by content) and append it to the product's gallery")
            .DisableAntiforgery()
            // Described by hand rather than with Accepts: Accepts also makes routing answer another content type with
            // a bare 415, where the handler says what to send.
            .AddOpenApiOperationTransformer((operation, _, _) => { operation.RequestBody = ImageUploadBody(); return Task.CompletedTask; })
            .Produces<ProductImageResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    private static RouteHandlerBuilder Describe(RouteHandlerBuilder route, string name, string summary) => route.WithName(name).WithSummary(summary);

    private static async Task<IResult> CreateAsync(HttpRequest request, ProductCommands commands, MediaFolder media)
    {
        var body = await request.ReadJsonAsync<ProductRequest>();
        var shopId = request.HttpContext.User.ShopId();
        var created = await WithWireNames(body, () => commands.CreateAsync(shopId, ProductWire.ToInput(body), cancellationToken: request.HttpContext.RequestAborted));
        var product = await FindAsync(commands, shopId, created.Id, request);
        return Versioned(request, media, product, p => TypedResults.Created($"/api/v1/products/{p.Id}", p));
    }

    private static async Task<Ok<ProductPageResponse>> ListAsync(HttpRequest request, ShopProducts products, MediaFolder media)
    {
        var page = PageRequest.Of(request.QueryInt("page", 1, 1_000_000), request.QueryInt("page_size", 1, PageRequest.MaxPageSize));
        var result = await products.PageAsync(request.HttpContext.User.ShopId(), page, request.HttpContext.RequestAborted);
        return TypedResults.Ok(new ProductPageResponse(result.Items.Select(p => ProductResponse.From(p, media)).ToList(), result.Page, result.PageSize, result.Total, result.PageCount));
    }

    private static async Task<IResult> GetAsync(int id, HttpRequest request, ProductCommands commands, MediaFolder media) =>
        Versioned(request, media, await FindAsync(commands, request.HttpContext.User.ShopId(), id, request), TypedResults.Ok);

    private static async Task<IResult> ReplaceAsync(int id, HttpRequest request, ProductCommands commands, MediaFolder media)
    {
        var expected = request.IfMatchVersion();
        var body = await request.ReadJsonAsync<ProductRequest>();
        var shopId = request.HttpContext.User.ShopId();
        var current = await FindAsync(commands, shopId, id, request);
        var input = ProductWire.ToInput(body);
        // The flat form replaces the one variant there is, rather than removing it and adding another.
        if (body.IsFlat && current.Variants.Count == 1) input = input with { Variants = [input.Variants[0] with { Id = current.Variants[0].Id }] };
        await WithWireNames(body, () => commands.UpdateAsync(shopId, id, input, expected ?? body.Version, cancellationToken: request.HttpContext.RequestAborted, actor: KeyActor(request)));
        return Versioned(request, media, await FindAsync(commands, shopId, id, request), TypedResults.Ok);
    }

    private static async Task<IResult> PatchAsync(int id, HttpRequest request, ProductCommands commands, MediaFolder media)
    {
        var expected = request.IfMatchVersion();
        var body = await request.ReadJsonAsync<ProductRequest>();
        var shopId = request.HttpContext.User.ShopId();
        var current = await FindAsync(commands, shopId, id, request);
        var input = ProductWire.Overlay(ProductWire.ToInput(current), body);
        // Conditional on the version read here even without If-Match, so a concurrent edit is never overwritten
        // with the stale fields this request did not name. Stock is not versioned with the product: unless the body
        // sets it, the on-hand counts are left as they are then, so a sale or adjustment made meanwhile stays.
        var keepStock = body.RemainingSupply is null && body.Variants is null;
        await WithWireNames(body, () => commands.UpdateAsync(shopId, id, input, expected ?? body.Version ?? current.Version,
            cancellationToken: request.HttpContext.RequestAborted, keepExistingStock: keepStock, actor: KeyActor(request)));
        return Versioned(request, media, await FindAsync(commands, shopId, id, request), TypedResults.Ok);
    }

    private static async Task<NoContent> DeleteAsync(int id, HttpRequest request, ProductCommands commands)
    {
        await commands.DeleteAsync(request.HttpContext.User.ShopId(), id, request.HttpContext.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<StockResponse>> ChangeStockAsync(int id, HttpRequest request, ProductCommands commands, StockService stock)
    {
        var body = await request.ReadJsonAsync<StockRequest>();
        var shopId = request.HttpContext.User.ShopId();
        var product = await FindAsync(commands, shopId, id, request);
        if (body.RemainingSupply is null == body.Delta is null)
            throw ValidationException.For("remaining_supply", "send either remaining_supply (to set the stock) or delta (to adjust it)");
        var variantId = body.VariantId ?? (product.Variants.Count == 1
            ? product.Variants[0].Id
            : throw ValidationException.For("variant_id", $"is required: the product has {product.Variants.Count} variants"));
        if (product.Variants.All(v => v.Id != variantId)) throw ValidationException.For("variant_id", "is not a variant of this product");

        var reason = string.IsNullOrWhiteSpace(body.Reason) ? "API" : body.Reason;
        var onHand = body.Delta is { } delta
            ? await stock.AdjustAsync(shopId, variantId, delta, reason, cancellationToken: request.HttpContext.RequestAborted, actor: KeyActor(request))
            : await stock.SetAsync(shopId, variantId, body.RemainingSupply!.Value, reason, cancellationToken: request.HttpContext.RequestAborted, actor: KeyActor(request));
        return TypedResults.Ok(new StockResponse(id, variantId, onHand));
    }

    /// <summary>The audit log names API changes by the key's public prefix (the request's name).</summary>
    private static Ecommerce.Core.Audit.AuditActor KeyActor(HttpRequest request) =>
        Ecommerce.Core.Audit.AuditActor.ApiKey(request.HttpContext.User.Identity?.Name ?? "unknown");

    private const string AltTextField = "alt_text";

    private static OpenApiRequestBody ImageUploadBody() => new()
    {
        Required = true,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["multipart/form-data"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { MediaStore.Field },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        [MediaStore.Field] = new OpenApiSchema
                        {
                            Type = JsonSchemaType.String, Format = "binary",
                            Description = "The image: PNG, JPEG or WebP, recognised by its bytes, up to the media size limit (5 MB by default).",
                        },
                        [AltTextField] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 300, Description = "Describes the image; the product's name when absent." },
                    },
                },
            },
        },
    };

    private static async Task<IResult> AddImageAsync(int id, HttpRequest request, ProductCommands commands, MediaStore media, MediaFolder folder,
        ProductGallery gallery)
    {
        var cancellationToken = request.HttpContext.RequestAborted;
        var shopId = request.HttpContext.User.ShopId();
        await FindAsync(commands, shopId, id, request); // another shop's product: 404 before anything is stored

        var form = await ReadUploadFormAsync(request, media);
        if (form.Files.GetFile(MediaStore.Field) is not { } upload)
            throw ValidationException.For(MediaStore.Field, "is required: send the image as the multipart/form-data part \"file\"");
        if (upload.Length > media.MaxBytes) throw ValidationException.For(MediaStore.Field, media.RefusalMessage);
        var altText = form[AltTextField].ToString() is { Length: > 0 } alt ? alt.Trim() : null;
        if (altText is { Length: > 300 }) throw ValidationException.For(AltTextField, "must be at most 300 characters");

        var ownerUserId = await gallery.OwnerOfAsync(shopId, cancellationToken);
        await using var content = upload.OpenReadStream();
        var file = await media.SaveAsync(ownerUserId, upload.FileName, content, shopId, cancellationToken);

        var updated = await gallery.AppendAsync(shopId, id, new ImageInput(file.Url, altText), KeyActor(request), cancellationToken);
        var image = updated.Images.Last(i => i.Url == file.Url);
        request.HttpContext.Response.Headers.ETag = $"\"{updated.Version}\"";
        return TypedResults.Created($"/api/v1/products/{id}", new ProductImageResponse(image.Url, image.AltText, updated.Images.IndexOf(image),
            ImageSizesResponse.Of(folder, image.Url)));
    }

    /// <summary>
    /// The multipart form of an upload. The body is read whole (up to the server's request limit) rather than cut off
    /// at the media limit: a client still sending when the server answers sees a broken connection, not the 400.
    /// </summary>
    private static async Task<IFormCollection> ReadUploadFormAsync(HttpRequest request, MediaStore media)
    {
        if (!request.HasFormContentType || !request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw ValidationException.For(MediaStore.Field, "is required: send multipart/form-data with the image in the part \"file\"");
        try
        {
            return await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge) // over the server's limit
        {
            throw ValidationException.For(MediaStore.Field, media.RefusalMessage);
        }
        catch (InvalidDataException e)
        {
            // A part over the form limits, or a broken multipart body.
            throw ValidationException.For(MediaStore.Field, $"could not be read from the multipart body ({e.Message.TrimEnd('.')})");
        }
    }

    private static async Task<Product> FindAsync(ProductCommands commands, int shopId, int id, HttpRequest request) =>
        await commands.FindAsync(shopId, id, request.HttpContext.RequestAborted) ?? throw new NotFoundException($"Product {id}");

    // Core names fields as its input does (variants[0].price); the caller sent the flat form or the wire names.
    private static async Task<T> WithWireNames<T>(ProductRequest body, Func<Task<T>> command)
    {
        try { return await command(); }
        catch (ValidationException e) when (body.IsFlat)
        {
            var rename = ProductWire.FieldNames(body);
            throw new ValidationException(e.Errors.GroupBy(f => rename(f.Key)).ToDictionary(g => g.Key, g => g.SelectMany(f => f.Value).ToArray()));
        }
    }

    /// <summary>The product as JSON with its version as ETag, for a later If-Match.</summary>
    private static IResult Versioned<TResult>(HttpRequest request, MediaFolder media, Product product, Func<ProductResponse, TResult> result) where TResult : IResult
    {
        request.HttpContext.Response.Headers.ETag = $"\"{product.Version}\"";
        return result(ProductResponse.From(product, media));
    }
}
