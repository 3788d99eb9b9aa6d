namespace Ecommerce.Web.Components.Shared;

/// <summary>
/// Turns a Radzen grid's OrderBy ("Name desc") into a typed sort. Only the enum's names are accepted, so a grid
/// can never ask the database to sort by anything the query does not allow.
/// </summary>
public static class GridSort
{
    public static (TSort SortBy, bool Descending) Parse<TSort>(string? orderBy, TSort fallback) where TSort : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(orderBy)) return (fallback, true);
        var parts = orderBy.Split(',')[0].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!Enum.TryParse<TSort>(parts[0], ignoreCase: true, out var sort)) return (fallback, true);
        var descending = parts.Length > 1 && parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
        return (sort, descending);
    }
}
