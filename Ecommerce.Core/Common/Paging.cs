namespace Ecommerce.Core.Common;

/// <summary>A page of a larger result. Every list the platform shows is paged.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int PageCount => PageSize == 0 ? 0 : (Total + PageSize - 1) / PageSize;
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < PageCount;
}

/// <summary>Page number and size as asked by a caller, clamped to sane bounds.</summary>
public readonly record struct PageRequest(int Page, int PageSize)
{
    public const int MaxPageSize = 100;

    public static PageRequest Of(int? page, int? pageSize, int defaultSize = 24) =>
        new(Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? defaultSize, 1, MaxPageSize));

    /// <summary>Rows before the page; computed in 64 bits so ?page=2147483647 is an empty page, not a negative
    /// OFFSET (which PostgreSQL refuses).</summary>
    public int Skip => (int)Math.Min(int.MaxValue, ((long)Page - 1) * PageSize);
}
