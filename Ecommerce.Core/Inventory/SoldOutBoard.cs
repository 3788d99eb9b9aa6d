using System.Collections.Concurrent;
using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Inventory;

/// <summary>
/// What this node knows of each variant being checked out: the units the database last said were available, and
/// the units its own checkouts are buying right now. A crowd of buyers for a few units is answered "sold out" from
/// here, without a database call, once those units are gone; while the last units are with buyers in flight, the
/// next buyers wait for them (and for a new reading when the last is old) instead of queuing at the database. The
/// buyers let through go on to <see cref="StockReservations"/>, whose conditional statement stays the only authority
/// for a sale. A wrong "sold out" is the one mistake this may make, and only for a moment: it answers only from a
/// database reading younger than <see cref="FreshFor"/>, and <see cref="SoldOutBoardCorrector"/> reads what it
/// believes sold out again every <see cref="CorrectionInterval"/>, so units that come back (an expired hold, a
/// cancelled order, a restock, on any node) are sold again within a second.
/// </summary>
public sealed class SoldOutBoard(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    public static readonly TimeSpan CorrectionInterval = TimeSpan.FromMilliseconds(500);
    /// <summary>How old a database reading may be for a buyer to be turned away on it.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(1);
    /// <summary>How old a reading must be before a checkout's lower count makes the board read again.</summary>
    public static readonly TimeSpan RereadAfter = TimeSpan.FromMilliseconds(100);
    /// <summary>A variant nobody has checked out for this long is forgotten (read again when it is wanted).</summary>
    public static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(10);
    /// <summary>How far back the orders holding a variant are remembered, so that their retries get their order.</summary>
    public static readonly TimeSpan RetryWindow = TimeSpan.FromHours(24);

    private readonly ConcurrentDictionary<int, Lazy<Task<Entry>>> _entries = new();

    /// <summary>
    /// Lets a checkout of <paramref name="lines"/> go on to the database (its units counted as in flight until the
    /// admission is disposed), or answers it sold out with the message the database path gives. A checkout that holds
    /// units itself (<paramref name="holding"/>), or retries an order that holds the variant, always goes on. A buyer
    /// whose units are all with checkouts still in flight waits for them: refused if they buy, let in if one fails,
    /// so nobody is told "sold out" while a unit may still be theirs.
    /// </summary>
    public async ValueTask<Admission> AdmitAsync(IReadOnlyList<(int VariantId, int Quantity)> lines, string idempotencyKey, bool holding,
        CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var taken = new List<(Entry Entry, int Quantity)>();
            Task? change = null;
            Task? reading = null;
            foreach (var (variantId, quantity) in lines.OrderBy(l => l.VariantId))
            {
                var entry = await EntryAsync(variantId, cancellationToken);
                var answer = entry.TryTake(quantity, idempotencyKey, holding, out var soldOut, out var counted, out change);
                if (answer == Entry.Answer.Admitted) { if (counted) taken.Add((entry, quantity)); continue; }
                foreach (var (e, q) in taken) e.Return(q, idempotencyKey, sold: false);
                if (answer == Entry.Answer.SoldOut) return new Admission([], idempotencyKey, soldOut);
                if (answer == Entry.Answer.WaitForReading) reading = ReadOnceAsync(variantId, entry);
                break;
            }
            if (change is null) return new Admission(taken, idempotencyKey, null);
            // Holding nothing meanwhile: no buyer waits on another's units. A reading that fails (the database away)
            // fails this checkout as the database path would, at once.
            if (reading is not null) await reading.WaitAsync(cancellationToken);
            else await change.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// What the database said of a variant's available units in a checkout's own reading (its quote). Fewer than this
    /// node's buyers can account for means another node sold them: the board reads the variant again (one reading at a
    /// time), rather than take a number that may already be out of step with its own sales.
    /// </summary>
    public void Observed(int variantId, int available)
    {
        if (!_entries.TryGetValue(variantId, out var lazy) || !lazy.IsValueCreated || !lazy.Value.IsCompletedSuccessfully) return;
        var entry = lazy.Value.Result;
        if (!entry.SoldElsewhere(available)) return;
        _ = ReadOnceAsync(variantId, entry).ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted); // the next buyer reads again
    }

    /// <summary>An order placed on this node holds <paramref name="variantId"/>: its retries must reach the database.</summary>
    public void Held(int variantId, string idempotencyKey)
    {
        if (_entries.TryGetValue(variantId, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            lazy.Value.Result.AddHolder(idempotencyKey);
    }

    /// <summary>
    /// Units of a variant may have come back (a give-back, a restock, a stock event from another node): nobody is told
    /// "sold out" on what the board knew before, only on a reading begun after this call. The count of this node's
    /// buyers in flight is kept, so a crowd is not let through again while they are still at the database.
    /// </summary>
    public void ReadAgain(int variantId)
    {
        if (!_entries.TryGetValue(variantId, out var lazy) || !lazy.IsValueCreated) return;
        if (lazy.Value.IsCompletedSuccessfully) lazy.Value.Result.Outdate();
        else _entries.TryRemove(new(variantId, lazy)); // a first reading still running may predate the change
    }

    /// <summary>Reads again every variant with nothing left to give (sold out, or all in flight); forgets those nobody wanted for a while.</summary>
    public async Task CorrectAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        foreach (var (variantId, lazy) in _entries)
        {
            if (!lazy.IsValueCreated || !lazy.Value.IsCompleted) continue;
            if (!lazy.Value.IsCompletedSuccessfully) { _entries.TryRemove(new(variantId, lazy)); continue; }
            var entry = lazy.Value.Result;
            if (now - entry.LastWanted > IdleAfter) { _entries.TryRemove(new(variantId, lazy)); continue; }
            if (entry.NothingToGive) await ReadAsync(variantId, entry, cancellationToken);
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>How many variants this node is following (for tests and the admin's figures).</summary>
    public int Count => _entries.Count;

    private async Task<Entry> EntryAsync(int variantId, CancellationToken cancellationToken)
    {
        // One read per variant however many buyers arrive at once; a failed read is not remembered (the next buyer reads again).
        var lazy = _entries.GetOrAdd(variantId, id => new Lazy<Task<Entry>>(() => LoadAsync(id)));
        try { return await lazy.Value.WaitAsync(cancellationToken); }
        catch when (lazy.Value.IsFaulted || lazy.Value.IsCanceled)
        {
            _entries.TryRemove(new(variantId, lazy));
            throw;
        }
    }

    /// <summary>A reading shared by every buyer waiting for one (see <see cref="Entry.ReadOnce"/>).</summary>
    private Task ReadOnceAsync(int variantId, Entry entry) => entry.ReadOnce(() => ReadAsync(variantId, entry, CancellationToken.None));

    private async Task<Entry> LoadAsync(int variantId)
    {
        var entry = new Entry(() => Now);
        await ReadAsync(variantId, entry, CancellationToken.None);
        return entry;
    }

    /// <summary>
    /// The variant's available units, then the orders holding it. In that order, no snapshot needed: an order placed
    /// between the two reads is among the holders; units that come back after the first read are seen by the next.
    /// </summary>
    private async Task ReadAsync(int variantId, Entry entry, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var readAt = Now;
        var (salesBefore, generation) = entry.Mark(); // this node's sales that land while the reading runs are taken off it
        // One round trip: the stock row, the product's words and state, and the units of lapsed checkout holds
        // (free to take, as ReserveAsync would find them).
        var stamp = await db.ProductVariants.AsNoTracking().Where(v => v.Id == variantId)
            .Select(v => new
            {
                OnHand = v.Stock == null ? 0 : v.Stock.OnHand, Reserved = v.Stock == null ? 0 : v.Stock.Reserved,
                Lapsed = db.StockReservations.Where(r => r.VariantId == variantId && r.Status == ReservationStatus.Active && r.OrderId == null && r.ExpiresAt <= readAt)
                    .Sum(r => (int?)r.Quantity) ?? 0,
                v.Product!.Name, v.Options, v.Product.Status, v.Product.UnlistedAt, ShopStatus = v.Product.Shop!.Status,
            })
            .FirstOrDefaultAsync(cancellationToken);
        var available = stamp is null ? 0 : StockLevels.Available(stamp.OnHand, stamp.Reserved - stamp.Lapsed);
        var version = stamp is null ? (0, 0) : (stamp.OnHand, stamp.Reserved);
        IReadOnlyList<string>? holders = null;
        if (entry.HoldersStale(version))
        {
            var since = Now - RetryWindow;
            holders = await (from r in db.StockReservations
                             where r.VariantId == variantId && r.OrderId != null && r.CreatedAt >= since
                                   && (r.Status == ReservationStatus.Active || r.Status == ReservationStatus.Committed)
                             join o in db.Orders on r.OrderId equals o.Id
                             select o.IdempotencyKey).ToListAsync(cancellationToken);
        }
        entry.Read(readAt, available, salesBefore, generation, version, holders,
            // A variant no longer sold is told so by the database path, in its own words.
            stamp is null || !Catalog.ProductVisibility.Sold(stamp.Status, stamp.UnlistedAt, stamp.ShopStatus) ? null
                : StockLevels.SoldOutMessage(stamp.Name, Catalog.ProductVariant.TitleOf(stamp.Options)));
    }

    /// <summary>A checkout let through: dispose it when the checkout is over, saying whether its order was placed.</summary>
    public sealed class Admission(IReadOnlyList<(Entry Entry, int Quantity)> taken, string idempotencyKey, string? soldOut) : IDisposable
    {
        private int _done;
        private bool _placed;

        /// <summary>Why it was turned away ("Sold out: ..."), or null when it may go on.</summary>
        public string? SoldOut => soldOut;

        public void Placed() => _placed = true;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 1) return;
            foreach (var (entry, quantity) in taken) entry.Return(quantity, idempotencyKey, _placed);
        }
    }

    /// <summary>One variant on this node. Every field is read and written under the entry's lock.</summary>
    public sealed class Entry(Func<DateTime> now)
    {
        internal enum Answer { Admitted, SoldOut, WaitForInFlight, WaitForReading }

        private readonly Lock _lock = new();
        // What the last reading said, and this node's sales counted when it began.
        private int _readAvailable;
        private long _readSales;
        // Units sold through this entry, and what is left by the reading less the sales since it began.
        private long _sales;
        private int _generation;
        private int _available;
        private int _inFlight;
        private readonly Dictionary<string, int> _inFlightKeys = [];
        private DateTime _readAt = DateTime.MinValue;
        private string? _soldOutMessage;
        private (int, int)? _holdersVersion;
        private HashSet<string> _holders = [];
        private DateTime _lastWanted = now();
        // Completed (and replaced) whenever a waiting buyer's answer may have changed.
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Task? _reading;

        internal DateTime LastWanted { get { lock (_lock) return _lastWanted; } }

        /// <summary>Nothing left for the next buyer: the database said none, or this node's buyers in flight have the rest.</summary>
        internal bool NothingToGive { get { lock (_lock) return _available - _inFlight <= 0; } }

        /// <param name="counted">False for a twin of a checkout already in flight with the same key: one order for both, counted once.</param>
        /// <param name="change">With <see cref="Answer.WaitForInFlight"/>: completes when it is worth asking again.</param>
        internal Answer TryTake(int quantity, string idempotencyKey, bool holding, out string? soldOut, out bool counted, out Task? change)
        {
            lock (_lock)
            {
                var at = now();
                _lastWanted = at;
                soldOut = null;
                counted = false;
                change = null;
                if (_inFlightKeys.ContainsKey(idempotencyKey)) return Answer.Admitted;
                // A holder's or a retry's units are theirs; a variant no longer sold is the database path's to explain.
                var answerHere = _soldOutMessage is not null && !holding && !_holders.Contains(idempotencyKey);
                if (answerHere && _available - _inFlight <= 0)
                {
                    // "Sold out" only on what a fresh reading said itself, with none of this node's sales landing since
                    // it began (such a sale may be counted twice: by the reading and by its own return).
                    if (at - _readAt <= FreshFor && _readAvailable <= 0 && _readSales == _sales) { soldOut = _soldOutMessage; return Answer.SoldOut; }
                    change = _changed.Task;
                    // The last units are with buyers in flight on a fresh reading: wait for them. Otherwise wait for a new
                    // reading rather than go to the database: a crowd let through on an old belief would all queue for one row.
                    return at - _readAt <= FreshFor && _inFlight > 0 ? Answer.WaitForInFlight : Answer.WaitForReading;
                }
                _inFlight += quantity;
                _inFlightKeys[idempotencyKey] = quantity;
                counted = true;
                return Answer.Admitted;
            }
        }

        internal void Return(int quantity, string idempotencyKey, bool sold)
        {
            lock (_lock)
            {
                _inFlight -= quantity;
                _inFlightKeys.Remove(idempotencyKey);
                if (sold) { _available -= quantity; _sales += quantity; }
                // A sale leaves what the waiters see (available less in flight) as it was: they are woken by a unit given
                // back, or when nobody is in flight any more (then they are answered, on a new reading if need be).
                if (!sold || _inFlight <= 0) WakeLocked();
            }
        }

        /// <summary>Where a reading begins: this node's sales so far, and the entry's generation (see <see cref="Outdate"/>).</summary>
        internal (long Sales, int Generation) Mark() { lock (_lock) return (_sales, _generation); }

        /// <summary>Units may have come back: no answer on the readings begun before now; the orders holding it are read again too.</summary>
        internal void Outdate()
        {
            lock (_lock)
            {
                _generation++;
                _readAt = DateTime.MinValue;
                _holders = [];
                _holdersVersion = null;
                WakeLocked();
            }
        }

        /// <summary>A checkout saw fewer units than this node's own buyers can account for, on a reading not just taken.</summary>
        internal bool SoldElsewhere(int available)
        {
            lock (_lock) return available < _available - _inFlight && now() - _readAt > RereadAfter && _reading is not { IsCompleted: false };
        }

        private void WakeLocked()
        {
            var changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.TrySetResult();
        }

        /// <summary>One reading at a time however many buyers wait for it; it wakes them when it lands.</summary>
        internal Task ReadOnce(Func<Task> read)
        {
            lock (_lock)
            {
                if (_reading is { IsCompleted: false }) return _reading;
                return _reading = Task.Run(read);
            }
        }

        internal void AddHolder(string idempotencyKey) { lock (_lock) _holders.Add(idempotencyKey); }

        internal bool HoldersStale((int, int) version) { lock (_lock) return _holdersVersion != version; }

        internal void Read(DateTime readAt, int available, long salesBefore, int generation, (int, int) version, IReadOnlyList<string>? holders, string? soldOutMessage)
        {
            lock (_lock)
            {
                if (generation != _generation) { WakeLocked(); return; } // begun before units came back: its waiters read again
                _readAt = readAt;
                _readAvailable = available;
                _readSales = salesBefore;
                _available = available - (int)(_sales - salesBefore);
                _soldOutMessage = soldOutMessage;
                WakeLocked();
                if (holders is null) return;
                _holders = [.. holders];
                _holdersVersion = version;
            }
        }
    }
}
