using Ecommerce.Core.Audit;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Catalog;

/// <summary>Appending a stored image to a product's gallery (the product API's upload).</summary>
public sealed class ProductGallery(IDbContextFactory<AppDbContext> contexts, ProductCommands commands)
{
    private const int AppendAttempts = 3;

    /// <summary>The user who owns the shop: an upload for the shop is stored as theirs.</summary>
    public async Task<string> OwnerOfAsync(int shopId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Shops.Where(s => s.Id == shopId).Select(s => s.Merchant!.UserId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Shop {shopId}");
    }

    /// <summary>
    /// Appends <paramref name="image"/> to the gallery as read, conditional on that version; a concurrent edit makes
    /// it read again (it is only an append), a few times. Stock is never touched, so a sale in between is not undone.
    /// Returns the product as saved.
    /// </summary>
    public async Task<Product> AppendAsync(int shopId, int productId, ImageInput image, AuditActor? actor, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var product = await FindAsync(shopId, productId, cancellationToken);
            var input = ProductInput.From(product);
            input = input with { Images = [.. input.Images ?? [], image] };
            try
            {
                await commands.UpdateAsync(shopId, productId, input, product.Version, cancellationToken: cancellationToken, keepExistingStock: true, actor: actor);
                return await FindAsync(shopId, productId, cancellationToken);
            }
            catch (ConflictException) when (attempt < AppendAttempts) { }
        }
    }

    private async Task<Product> FindAsync(int shopId, int productId, CancellationToken cancellationToken) =>
        await commands.FindAsync(shopId, productId, cancellationToken) ?? throw new NotFoundException($"Product {productId}");
}
