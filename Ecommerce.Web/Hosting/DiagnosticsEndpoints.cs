using System.Runtime;

namespace Ecommerce.Web.Hosting;

/// <summary>
/// Admin-only numbers about this node's process, for the benchmarks under bench/ (memory at rest, memory per
/// console circuit): the managed heap after a full, compacting collection, and what the OS sees.
/// </summary>
internal static class DiagnosticsEndpoints
{
    public static IEndpointRouteBuilder MapDiagnosticsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/admin/diagnostics/memory", () =>
        {
            // Collected twice: objects with finalizers (connections, circuits' resources) are freed by the second.
            for (var i = 0; i < 2; i++)
            {
                GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
            }
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            var info = GC.GetGCMemoryInfo();
            return Results.Ok(new
            {
                gc_heap_bytes = GC.GetTotalMemory(forceFullCollection: false),
                gc_committed_bytes = info.TotalCommittedBytes,
                working_set_bytes = process.WorkingSet64,
                private_bytes = process.PrivateMemorySize64,
            });
        }).RequireAuthorization(Policies.Admin).WithTags("Diagnostics").ExcludeFromDescription();
        return endpoints;
    }
}
