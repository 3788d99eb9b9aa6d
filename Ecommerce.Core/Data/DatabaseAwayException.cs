namespace Ecommerce.Core.Data;

/// <summary>
/// A page or read that cannot be answered without the database while it is away (what the node knows does not tell):
/// an outage like any other (<see cref="DbErrors.IsUnreachable"/>: a 503 with Retry-After), whose message says to the
/// shopper what is missing.
/// </summary>
public sealed class DatabaseAwayException(string message) : Exception(message);
