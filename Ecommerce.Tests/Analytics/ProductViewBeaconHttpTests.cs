using System.Net;
using Ecommerce.Core.Data;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Analytics;

/// <summary>The product view beacon over real HTTP: a real product is counted and remembered, a made-up id neither.</summary>
[Collection(WebCollection.Name)]
public sealed class ProductViewBeaconHttpTests(WebAppFixture app)
{
    [Fact]
    public async Task A_made_up_product_id_is_not_counted_nor_put_in_the_recently_viewed_cookie()
    {
        int productId;
        await using (var db = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext())
            productId = await db.Products.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        using var client = app.CreateClient();

        var madeUp = await client.GetAsync("/p/2000000000/seen.gif");
        var real = await client.GetAsync($"/p/{productId}/seen.gif");

        Assert.Equal(HttpStatusCode.NotFound, madeUp.StatusCode);
        Assert.False(madeUp.Headers.TryGetValues("Set-Cookie", out _));
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        Assert.Equal("image/gif", real.Content.Headers.ContentType?.MediaType);
        Assert.Contains(real.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"recently_viewed={productId};"));
    }
}
