using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Ecommerce.Core.Search;

/// <summary>
/// FTS5's bm25, as an auxiliary function registered from C# through FTS5's public extension API (fts5.h).
/// Same formula, same field weights (k1 = 1.2, b = 0.75, the weights of <see cref="ProductSearchIndex"/>), but the
/// document's length in tokens comes from the index's in-memory columns instead of FTS5's per-row lookup in its
/// docsize table, which was most of the cost of the built-in bm25() (about 2 µs per matching row; a common word
/// matches more than 10,000 rows of 100,000). The function also collects each (rowid, score) into the calling
/// thread's <see cref="RankCollector"/>, so the query returns a single row instead of one per match.
/// Registration needs the native SQLite library's exports; where they are missing, the index falls back to the
/// built-in bm25() (same scores, slower).
/// </summary>
internal static class Fts5Ranking
{
    public const string FunctionName = "search_rank";
    public static readonly double[] Weights = [10.0, 5.0, 5.0, 2.0, 1.0];
    private const double K1 = 1.2, B = 0.75;

    [ThreadStatic] private static RankCollector? t_current;

    /// <summary>Collects the ranked matches of the statements this thread runs until the returned scope ends.</summary>
    public static RankScope Collect(RankCollector collector)
    {
        t_current = collector;
        return new RankScope();
    }

    internal readonly struct RankScope : IDisposable
    {
        public void Dispose() => t_current = null;
    }

    // ---- registration ----------------------------------------------------------------------------------------

    private static readonly Lazy<Native?> NativeApi = new(Native.TryLoad);

    /// <summary>Registers the function on this connection; false when the native library does not allow it.</summary>
    public static bool TryRegister(SqliteConnection connection)
    {
        var native = NativeApi.Value;
        if (native is null || connection.Handle is null) return false;
        try
        {
            return native.Register(connection.Handle.DangerousGetHandle());
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or MarshalDirectiveException)
        {
            return false;
        }
    }

    private sealed class Native
    {
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int PrepareFn(IntPtr db, IntPtr sql, int bytes, out IntPtr statement, IntPtr tail);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int BindPointerFn(IntPtr statement, int index, IntPtr pointer, IntPtr type, IntPtr destroy);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int StatementFn(IntPtr statement);
        [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int CreateFunctionFn(IntPtr api, IntPtr name, IntPtr userData, IntPtr function, IntPtr destroy);

        private readonly PrepareFn _prepare;
        private readonly BindPointerFn _bindPointer;
        private readonly StatementFn _step;
        private readonly StatementFn _finalize;
        internal readonly ResultIntFn ResultInt;
        internal readonly ResultErrorFn ResultError;

        // Strings SQLite keeps a pointer to while a statement runs: allocated once for the process.
        private static readonly IntPtr SelectApi = Marshal.StringToCoTaskMemUTF8("SELECT fts5(?1)");
        private static readonly IntPtr ApiPointerType = Marshal.StringToCoTaskMemUTF8("fts5_api_ptr");
        private static readonly IntPtr Name = Marshal.StringToCoTaskMemUTF8(FunctionName);

        private Native(IntPtr library)
        {
            T Export<T>(string name) where T : Delegate => Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(library, name));
            _prepare = Export<PrepareFn>("sqlite3_prepare_v2");
            _bindPointer = Export<BindPointerFn>("sqlite3_bind_pointer");
            _step = Export<StatementFn>("sqlite3_step");
            _finalize = Export<StatementFn>("sqlite3_finalize");
            ResultInt = Export<ResultIntFn>("sqlite3_result_int");
            ResultError = Export<ResultErrorFn>("sqlite3_result_error");
        }

        public static Native? TryLoad()
        {
            // The library Microsoft.Data.Sqlite's default bundle loads (SQLitePCLRaw.bundle_e_sqlite3).
            try
            {
                if (!NativeLibrary.TryLoad("e_sqlite3", typeof(SqliteConnection).Assembly, null, out var library)) return null;
                return new Native(library);
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException or MarshalDirectiveException)
            {
                return null;
            }
        }

        public bool Register(IntPtr db)
        {
            // The documented way to reach fts5_api: SELECT fts5(?1) with a pointer bound as "fts5_api_ptr".
            var slot = Marshal.AllocHGlobal(IntPtr.Size);
            try
            {
                Marshal.WriteIntPtr(slot, IntPtr.Zero);
                if (_prepare(db, SelectApi, -1, out var statement, IntPtr.Zero) != 0) return false;
                try
                {
                    _bindPointer(statement, 1, slot, ApiPointerType, IntPtr.Zero);
                    _step(statement);
                }
                finally
                {
                    _finalize(statement);
                }
                var api = Marshal.ReadIntPtr(slot);
                if (api == IntPtr.Zero || Marshal.ReadInt32(api) < 2) return false;
                // struct fts5_api { int iVersion; xCreateTokenizer; xFindTokenizer; xCreateFunction; ... }
                var create = Marshal.GetDelegateForFunctionPointer<CreateFunctionFn>(Marshal.ReadIntPtr(api, 3 * IntPtr.Size));
                return create(api, Name, IntPtr.Zero, RankPointer, IntPtr.Zero) == 0;
            }
            finally
            {
                Marshal.FreeHGlobal(slot);
            }
        }
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate void ResultIntFn(IntPtr context, int value);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] internal delegate void ResultErrorFn(IntPtr context, IntPtr message, int bytes);

    // ---- the function ----------------------------------------------------------------------------------------

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate void AuxiliaryFn(IntPtr api, IntPtr fts, IntPtr context, int count, IntPtr values);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int ContextIntFn(IntPtr fts);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate long ContextLongFn(IntPtr fts);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int OutLongFn(IntPtr fts, out long value);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int ColumnOutLongFn(IntPtr fts, int column, out long value);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int ColumnOutIntFn(IntPtr fts, int column, out int value);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int OutIntFn(IntPtr fts, out int value);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int InstFn(IntPtr fts, int index, out int phrase, out int column, out int offset);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int QueryPhraseFn(IntPtr fts, int phrase, IntPtr userData, IntPtr callback);
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)] private delegate int QueryPhraseCallbackFn(IntPtr api, IntPtr fts, IntPtr userData);

    private static readonly AuxiliaryFn Rank = RankRow;
    private static readonly IntPtr RankPointer = Marshal.GetFunctionPointerForDelegate(Rank);
    private static readonly QueryPhraseCallbackFn CountRow = (_, _, _) => { t_phraseRows++; return 0; };
    private static readonly IntPtr CountRowPointer = Marshal.GetFunctionPointerForDelegate(CountRow);
    [ThreadStatic] private static long t_phraseRows;

    /// <summary>The extension API's functions (struct Fts5ExtensionApi, fts5.h); SQLite passes the same static struct every time.</summary>
    private sealed class Api(IntPtr api)
    {
        public readonly IntPtr Pointer = api;
        // Field i of the struct (after int iVersion): xUserData 0, xColumnCount 1, xRowCount 2, xColumnTotalSize 3, xTokenize 4,
        // xPhraseCount 5, xPhraseSize 6, xInstCount 7, xInst 8, xRowid 9, xColumnText 10, xColumnSize 11, xQueryPhrase 12.
        private static T F<T>(IntPtr api, int field) where T : Delegate => Marshal.GetDelegateForFunctionPointer<T>(Marshal.ReadIntPtr(api, (field + 1) * IntPtr.Size));
        public readonly OutLongFn RowCount = F<OutLongFn>(api, 2);
        public readonly ColumnOutLongFn ColumnTotalSize = F<ColumnOutLongFn>(api, 3);
        public readonly ContextIntFn PhraseCount = F<ContextIntFn>(api, 5);
        public readonly OutIntFn InstCount = F<OutIntFn>(api, 7);
        public readonly InstFn Inst = F<InstFn>(api, 8);
        public readonly ContextLongFn Rowid = F<ContextLongFn>(api, 9);
        public readonly ColumnOutIntFn ColumnSize = F<ColumnOutIntFn>(api, 11);
        public readonly QueryPhraseFn QueryPhrase = F<QueryPhraseFn>(api, 12);
    }

    private static Api? s_api;

    private static void RankRow(IntPtr apiPointer, IntPtr fts, IntPtr context, int count, IntPtr values)
    {
        var native = NativeApi.Value!;
        var collector = t_current;
        try
        {
            if (collector is null)
            {
                native.ResultInt(context, 1);
                return;
            }
            var api = s_api;
            if (api is null || api.Pointer != apiPointer) s_api = api = new Api(apiPointer);
            if (!collector.Prepared) Prepare(api, fts, collector);

            var phrases = collector.Phrases;
            Span<double> frequency = stackalloc double[phrases];
            frequency.Clear();
            api.InstCount(fts, out var instances);
            for (var i = 0; i < instances; i++)
            {
                api.Inst(fts, i, out var phrase, out var column, out _);
                if ((uint)phrase < (uint)phrases && (uint)column < (uint)Weights.Length) frequency[phrase] += Weights[column];
            }
            var rowid = api.Rowid(fts);
            var lengths = collector.Lengths;
            int length;
            if ((ulong)rowid < (ulong)lengths.Length && lengths[rowid] > 0) length = lengths[rowid];
            else api.ColumnSize(fts, -1, out length); // a row the in-memory columns do not know yet: ask FTS5
            var score = 0.0;
            var norm = K1 * (1 - B + B * length / collector.AverageLength);
            for (var i = 0; i < phrases; i++) score += collector.Idf[i] * (frequency[i] * (K1 + 1.0)) / (frequency[i] + norm);
            collector.Add(rowid, -score);
            native.ResultInt(context, 1);
        }
        catch (Exception e)
        {
            // Nothing may escape into native code: report it as the statement's error.
            if (collector is not null) collector.Error = e;
            var message = Marshal.StringToCoTaskMemUTF8("search_rank failed");
            native.ResultError(context, message, -1);
            Marshal.FreeCoTaskMem(message);
        }
    }

    /// <summary>Per-query figures, as fts5's bm25 computes them on its first row.</summary>
    private static void Prepare(Api api, IntPtr fts, RankCollector collector)
    {
        var phrases = api.PhraseCount(fts);
        api.RowCount(fts, out var rows);
        api.ColumnTotalSize(fts, -1, out var tokens);
        collector.AverageLength = rows > 0 && tokens > 0 ? (double)tokens / rows : 1;
        if (collector.Idf.Length < phrases) collector.Idf = new double[phrases];
        for (var i = 0; i < phrases; i++)
        {
            if (phrases == 1)
            {
                // One phrase: its idf multiplies every score alike, so the order does not depend on it; skip counting its rows.
                collector.Idf[i] = 1.0;
                continue;
            }
            t_phraseRows = 0;
            api.QueryPhrase(fts, i, IntPtr.Zero, CountRowPointer);
            var hits = t_phraseRows;
            var idf = Math.Log((rows - hits + 0.5) / (hits + 0.5));
            collector.Idf[i] = idf <= 0.0 ? 1e-6 : idf;
        }
        collector.Phrases = phrases;
        collector.Prepared = true;
    }
}

/// <summary>The matches of one full-text query with their bm25 scores (lower is better, as FTS5's).</summary>
internal sealed class RankCollector
{
    public int[] Ids = new int[1024];
    public double[] Scores = new double[1024];
    public int Count;
    public int[] Lengths = [];
    internal bool Prepared;
    internal int Phrases;
    internal double AverageLength;
    internal double[] Idf = new double[8];
    internal Exception? Error;

    public void Reset(int[] lengths)
    {
        Count = 0;
        Lengths = lengths;
        Prepared = false;
        Error = null;
    }

    public void Add(long rowid, double score)
    {
        if (Count == Ids.Length)
        {
            Array.Resize(ref Ids, Count * 2);
            Array.Resize(ref Scores, Count * 2);
        }
        Ids[Count] = (int)rowid;
        Scores[Count++] = score;
    }
}
