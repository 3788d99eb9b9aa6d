using Ecommerce.Core.Common;
using MudBlazor;

namespace Ecommerce.Web.Components.Shared;

/// <summary>A MudDataGrid's page (zero-based) as Core's PageRequest (one-based, size clamped).</summary>
public static class GridPages
{
    public static PageRequest ToPageRequest<T>(this GridState<T> state) =>
        new(state.Page + 1, Math.Clamp(state.PageSize, 1, PageRequest.MaxPageSize));

    public static GridData<T> ToGridData<T>(this PagedResult<T> page) => new() { Items = page.Items, TotalItems = page.Total };
}
