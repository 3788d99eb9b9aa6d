using System.Text;
using Ecommerce.Core.Checkout;
using Ecommerce.Core.Orders;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Tests.Orders;

/// <summary>The merchant's order CSV never hands a spreadsheet a formula typed by a shopper.</summary>
public abstract class OrderExportTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase> where TDatabase : TestDatabase
{
    [Fact]
    public async Task A_ship_to_name_that_looks_like_a_formula_is_exported_as_text()
    {
        var paid = await PaidOrders.PlaceAsync(database, 1);
        await using (var db = database.NewContext())
        {
            var order = await db.Orders.SingleAsync(o => o.Id == paid.Order.OrderId);
            order.ShipTo = new PostalAddress { Name = "=2+3 Ada", Line1 = "1 Main St", City = "San Francisco", Region = "CA", PostalCode = "94107", Country = "US" };
            db.Entry(order).Property(o => o.ShipTo).IsModified = true;
            await db.SaveChangesAsync();
        }

        using var output = new MemoryStream();
        await database.Services.GetRequiredService<MerchantOrders>().ExportCsvAsync(paid.ShopId, null, output);
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, lines.Length);
        Assert.StartsWith("Id,Number,PlacedAt,Customer,", lines[0]);
        Assert.Contains(",'=2+3 Ada,", lines[1].Replace("\"", ""));
        Assert.DoesNotContain(",=2+3", lines[1].Replace("\"", ""));
    }
}

public sealed class SqliteOrderExportTests(SqliteTestDatabase database) : OrderExportTests<SqliteTestDatabase>(database);

public sealed class PostgresOrderExportTests(PostgresTestDatabase database) : OrderExportTests<PostgresTestDatabase>(database);
