namespace Ecommerce.Core.Common;

/// <summary>
/// An entity that two people can edit at once. <see cref="Version"/> is its optimistic concurrency token,
/// renewed by the DbContext on every save, so a stale edit fails with DbUpdateConcurrencyException on both
/// providers instead of silently overwriting (SQLite has no rowversion, hence a Guid we set ourselves).
/// </summary>
public interface IVersioned
{
    Guid Version { get; set; }
}
