using MudBlazor;

namespace Ecommerce.Web.Components.Shared;

/// <summary>
/// Turns a grid's sort (text such as "Name desc", or a MudDataGrid sort definition) into a typed sort. Only the enum's names are accepted, so a grid
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

    /// <summary>The first of a MudDataGrid's sort definitions, by its column's SortBy/property name.</summary>
    public static (TSort SortBy, bool Descending) Parse<TSort, TItem>(ICollection<SortDefinition<TItem>> sorts, TSort fallback)
        where TSort : struct, Enum
    {
        var first = sorts.OrderBy(s => s.Index).FirstOrDefault();
        if (first is null || !Enum.TryParse<TSort>(first.SortBy, ignoreCase: true, out var sort)) return (fallback, true);
        return (sort, first.Descending);
    }
}
