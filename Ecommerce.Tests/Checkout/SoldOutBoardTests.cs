using Ecommerce.Core.Checkout;
using Ecommerce.Core.Common;
using Ecommerce.Core.Inventory;
using Ecommerce.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ecommerce.Tests.Checkout;

/// <summary>
/// The node's sold-out board, on each provider: once the units are gone a crowd is answered from memory (not one SQL
/// command), in the words the database path uses; units that come back are sold again; retries and holders always
/// reach the database.
/// </summary>
public abstract class SoldOutBoardTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase, ICheckoutDatabase
{
    private readonly CheckoutWorld _world = new(database, database.Clock);
    private SoldOutBoard Board => database.Services.GetRequiredService<SoldOutBoard>();

    [DatabaseFact]
    public async Task Once_the_last_unit_is_sold_a_crowd_is_answered_without_one_database_command_in_the_same_words()
    {
        var shop = await _world.ShopAsync("crowd");
        var item = await _world.ProductAsync(shop, 30m, stock: 3, name: "Crowd lamp");
        for (var i = 0; i < 3; i++) Assert.True((await _world.PlaceAsync(CheckoutWorld.NewBuyer(), item)).Accepted);
        // What a checkout that holds units (so always goes to the database) is told: the database path's words.
        var fromDatabase = await Assert.ThrowsAsync<ConflictException>(() => _world.PlaceAsync(CheckoutWorld.NewBuyer(), item, holderId: Guid.NewGuid()));
        Assert.Equal("Sold out: Crowd lamp (Default) has no units left.", fromDatabase.Message);

        using var commands = SqlCommandCounter.For(database);
        // The board answers only on a reading younger than a second: a machine too busy to ask 20 times in that time
        // tries again (the corrector would have read it again meanwhile).
        for (var round = 1; ; round++)
        {
            await Board.CorrectAsync(CancellationToken.None); // what the corrector does twice a second
            var before = commands.Count;
            var asked = System.Diagnostics.Stopwatch.StartNew();
            var answers = new List<Exception>();
            for (var i = 0; i < 20; i++)
                answers.Add(await Assert.ThrowsAsync<ConflictException>(() => _world.PlaceAsync(CheckoutWorld.NewBuyer(), item)));
            Assert.All(answers, a => Assert.Equal(fromDatabase.Message, a.Message));
            if (asked.Elapsed >= SoldOutBoard.FreshFor && round < 3) continue;
            Assert.Equal(before, commands.Count);
            break;
        }
        // The counter does see a checkout that goes to the database.
        var counted = commands.Count;
        await Assert.ThrowsAsync<ConflictException>(() => _world.PlaceAsync(CheckoutWorld.NewBuyer(), item, holderId: Guid.NewGuid()));
        Assert.True(commands.Count > counted, "no command counted for a checkout that reads the database");
        Assert.Equal((3, 3), await _world.StockAsync(item.VariantId));
    }

    [DatabaseFact]
    public async Task A_rush_sells_every_unit_once_and_turns_the_rest_away()
    {
        var shop = await _world.ShopAsync("rushboard");
        var item = await _world.ProductAsync(shop, 30m, stock: 15);

        var attempts = await CheckoutWorld.RaceAsync(60, _ => _world.PlaceAsync(CheckoutWorld.NewBuyer(), item));

        CheckoutWorld.OnlyAcceptedOrConflicts(attempts);
        Assert.Equal(15, attempts.Count(a => a.Accepted));
        Assert.All(attempts.Where(a => a.Error is not null), a => Assert.StartsWith("Sold out:", a.Error!.Message));
        Assert.Equal((15, 15), await _world.StockAsync(item.VariantId));
    }

    [DatabaseFact]
    public async Task Units_that_come_back_behind_the_nodes_back_are_sold_once_the_belief_is_a_second_old()
    {
        var shop = await _world.ShopAsync("comeback");
        var item = await _world.ProductAsync(shop, 30m, stock: 1);
        Assert.True((await _world.PlaceAsync(CheckoutWorld.NewBuyer(), item)).Accepted);
        await Board.CorrectAsync(CancellationToken.None);
        await Assert.ThrowsAsync<ConflictException>(() => _world.PlaceAsync(CheckoutWorld.NewBuyer(), item));

        // Another node restocks (a raw write here: no event read yet, nothing forgotten on this node).
        await using (var db = _world.Db())
            await db.StockItems.Where(s => s.VariantId == item.VariantId).ExecuteUpdateAsync(s => s.SetProperty(x => x.OnHand, x => x.OnHand + 1));
        _world.Clock.Advance(SoldOutBoard.FreshFor + TimeSpan.FromMilliseconds(1));

        var buyer = await _world.PlaceAsync(CheckoutWorld.NewBuyer(), item);
        Assert.True(buyer.Accepted);
    }

    [DatabaseFact]
    public async Task The_running_corrector_sells_units_given_back_elsewhere_within_a_second()
    {
        var shop = await _world.ShopAsync("corrector");
        var item = await _world.ProductAsync(shop, 30m, stock: 1);
        var corrector = database.Services.GetServices<IHostedService>().OfType<SoldOutBoardCorrector>().Single();
        await corrector.StartAsync(CancellationToken.None);
        try
        {
            Assert.True((await _world.PlaceAsync(CheckoutWorld.NewBuyer(), item)).Accepted);
            await Assert.ThrowsAsync<ConflictException>(() => _world.PlaceAsync(CheckoutWorld.NewBuyer(), item));

            // Another node's restock whose event this node has not read: only the database knows.
            await using (var db = _world.Db())
                await db.StockItems.Where(s => s.VariantId == item.VariantId).ExecuteUpdateAsync(s => s.SetProperty(x => x.OnHand, x => x.OnHand + 1));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            CheckoutResult? bought = null;
            while (bought is null && clock.Elapsed < TimeSpan.FromSeconds(5))
            {
                try { bought = await _world.PlaceAsync(CheckoutWorld.NewBuyer(), item); }
                catch (ConflictException) { await Task.Delay(50); }
            }
            Assert.True(bought?.Accepted, "the unit given back was never sold");
            // A second of belief plus one correction; the margin is for a loaded test machine.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"sold again after {clock.Elapsed.TotalMilliseconds:N0} ms");
        }
        finally { await corrector.StopAsync(CancellationToken.None); }
    }

    [DatabaseFact]
    public async Task A_retry_of_the_order_that_took_the_last_unit_gets_its_order_not_sold_out()
    {
        var shop = await _world.ShopAsync("retry");
        var item = await _world.ProductAsync(shop, 30m, stock: 1);
        var buyer = CheckoutWorld.NewBuyer();
        var key = Guid.NewGuid().ToString();
        var first = await _world.PlaceAsync(buyer, item, key: key);
        await Board.CorrectAsync(CancellationToken.None);

        var retry = await _world.PlaceAsync(buyer, item, key: key);
        Assert.Equal(first.OrderId, retry.OrderId);
        Assert.False(retry.Created);

        // Read afresh (as a node that did not place it would): the order's key comes from the database.
        Board.ReadAgain(item.VariantId);
        await Assert.ThrowsAsync<ConflictException>(() => _world.PlaceAsync(CheckoutWorld.NewBuyer(), item));
        Assert.Equal(first.OrderId, (await _world.PlaceAsync(buyer, item, key: key)).OrderId);
    }

    [DatabaseFact]
    public async Task A_merchant_restock_is_sold_at_once()
    {
        var shop = await _world.ShopAsync("restock");
        var item = await _world.ProductAsync(shop, 30m, stock: 1);
        Assert.True((await _world.PlaceAsync(CheckoutWorld.NewBuyer(), item)).Accepted);
        await Board.CorrectAsync(CancellationToken.None);
        await Assert.ThrowsAsync<ConflictException>(() => _world.PlaceAsync(CheckoutWorld.NewBuyer(), item));

        await database.Services.GetRequiredService<StockService>().AdjustAsync(shop.Id, item.VariantId, 2, "Delivery", shop.OwnerId);

        Assert.True((await _world.PlaceAsync(CheckoutWorld.NewBuyer(), item)).Accepted);
    }

    [DatabaseFact]
    public async Task A_buyer_whose_units_are_all_in_flight_waits_and_gets_them_if_that_checkout_fails_or_is_told_sold_out_if_it_buys()
    {
        var shop = await _world.ShopAsync("inflight");
        var item = await _world.ProductAsync(shop, 30m, stock: 1, name: "Last lamp");
        var wait = TimeSpan.FromSeconds(10);

        using var first = await Board.AdmitAsync([(item.VariantId, 1)], "first-" + Guid.NewGuid(), holding: false);
        Assert.Null(first.SoldOut);
        await Board.CorrectAsync(CancellationToken.None);
        var second = Board.AdmitAsync([(item.VariantId, 1)], "second-" + Guid.NewGuid(), holding: false).AsTask();
        await Task.Delay(300);
        Assert.False(second.IsCompleted, "answered while the only unit was still with a checkout in flight");
        first.Dispose(); // that checkout failed: the unit is free again
        using var let = await second.WaitAsync(wait);
        Assert.Null(let.SoldOut);

        await Board.CorrectAsync(CancellationToken.None); // a fresh reading again: the board answers only on one
        var third = Board.AdmitAsync([(item.VariantId, 1)], "third-" + Guid.NewGuid(), holding: false).AsTask();
        await Task.Delay(300);
        Assert.False(third.IsCompleted, "answered while the only unit was still with a checkout in flight");
        await Board.CorrectAsync(CancellationToken.None); // the corrector keeps the reading fresh meanwhile
        // That checkout bought it: its reservation committed (as the database path writes it), then its admission ends.
        await using (var db = _world.Db())
            await db.StockItems.Where(s => s.VariantId == item.VariantId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Reserved, x => x.Reserved + 1));
        let.Placed();
        let.Dispose();
        using var told = await third.WaitAsync(wait);
        Assert.Equal("Sold out: Last lamp (Default) has no units left.", told.SoldOut);
    }

    [DatabaseFact]
    public async Task A_crowd_on_an_old_reading_waits_for_one_new_reading_instead_of_going_to_the_database()
    {
        var shop = await _world.ShopAsync("stale");
        var item = await _world.ProductAsync(shop, 30m, stock: 1, name: "Stale lamp");
        Assert.True((await _world.PlaceAsync(CheckoutWorld.NewBuyer(), item)).Accepted);
        await Board.CorrectAsync(CancellationToken.None);
        _world.Clock.Advance(SoldOutBoard.FreshFor + TimeSpan.FromMilliseconds(1)); // the reading is too old to answer on

        using var commands = SqlCommandCounter.For(database);
        var crowd = Enumerable.Range(0, 20).Select(i => Board.AdmitAsync([(item.VariantId, 1)], $"stale-{i}-{Guid.NewGuid()}", holding: false).AsTask()).ToList();
        var admissions = await Task.WhenAll(crowd).WaitAsync(TimeSpan.FromSeconds(10));
        try
        {
            Assert.All(admissions, a => Assert.Equal("Sold out: Stale lamp (Default) has no units left.", a.SoldOut));
            // One reading for the whole crowd (its holders too when they changed), not a database checkout each.
            Assert.InRange(commands.Count, 1, 2);
        }
        finally { foreach (var a in admissions) a.Dispose(); }
    }

    [DatabaseFact]
    public async Task A_buyer_told_sold_out_does_not_wait_behind_the_checkouts_queued_for_the_database()
    {
        var shop = await _world.ShopAsync("queue");
        var gone = await _world.ProductAsync(shop, 30m, stock: 1, name: "Queue lamp");
        var left = await _world.ProductAsync(shop, 30m, stock: 5);
        Assert.True((await _world.PlaceAsync(CheckoutWorld.NewBuyer(), gone)).Accepted);

        // Every place in the node's checkout queue taken, as by a crowd still being served.
        var queue = database.Services.GetRequiredService<CheckoutQueue>();
        var places = new List<IDisposable>();
        for (var i = 0; i < database.Services.GetRequiredService<IOptions<CheckoutOptions>>().Value.Concurrency; i++) places.Add(await queue.EnterAsync());
        Task<CheckoutResult> waiting;
        try
        {
            waiting = _world.PlaceAsync(CheckoutWorld.NewBuyer(), left);
            await Board.CorrectAsync(CancellationToken.None); // a fresh reading, as the corrector keeps it
            var soldOut = _world.PlaceAsync(CheckoutWorld.NewBuyer(), gone);
            Assert.Same(soldOut, await Task.WhenAny(soldOut, Task.Delay(TimeSpan.FromSeconds(10))));
            var answer = await Assert.ThrowsAsync<ConflictException>(() => soldOut);
            Assert.Equal("Sold out: Queue lamp (Default) has no units left.", answer.Message);
            Assert.False(waiting.IsCompleted, "a checkout with units to buy went past a full queue");
        }
        finally
        {
            foreach (var place in places) place.Dispose();
        }
        Assert.True((await waiting.WaitAsync(TimeSpan.FromSeconds(30))).Accepted);
    }
}

public sealed class SqliteSoldOutBoardTests(CheckoutSqliteDatabase database) : SoldOutBoardTests<CheckoutSqliteDatabase>(database);

public sealed class PostgresSoldOutBoardTests(CheckoutPostgresDatabase database) : SoldOutBoardTests<CheckoutPostgresDatabase>(database);

[RequiresSqlServer]
public sealed class SqlServerSoldOutBoardTests(CheckoutSqlServerDatabase database) : SoldOutBoardTests<CheckoutSqlServerDatabase>(database);
