namespace Ecommerce.Core.Common;

/// <summary>
/// What went wrong with a request, in terms the caller can act on. The web layer turns these into RFC 7807 problem
/// details (400, 404, 409, 422) or form messages; nothing a user types ever becomes a 500.
/// </summary>
public abstract class DomainException(string message) : Exception(message);

/// <summary>Invalid input: each field with its problems ("price": ["must be greater than 0"]).</summary>
public sealed class ValidationException(IReadOnlyDictionary<string, string[]> errors)
    : DomainException("The request has invalid fields: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationException For(string field, string problem) => new(new Dictionary<string, string[]> { [field] = [problem] });
}

/// <summary>Not found, or not yours: the two are deliberately indistinguishable to the caller.</summary>
public sealed class NotFoundException(string what) : DomainException($"{what} was not found.");

/// <summary>Someone else changed the thing first, or the request contradicts its current state.</summary>
public sealed class ConflictException(string message) : DomainException(message);

/// <summary>
/// An idempotency key sent again with a different request: neither a retry (it would answer with what the caller did
/// not ask for) nor a new request (the key is taken). The web layer answers 422.
/// </summary>
public sealed class IdempotencyKeyReusedException(string message) : DomainException(message);

/// <summary>The node has more of this work waiting than it takes in (HTTP 429 with Retry-After): nothing was done.</summary>
public sealed class TooBusyException(string message) : DomainException(message);

/// <summary>Collects field errors while validating, then throws them all at once.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.OrdinalIgnoreCase);

    public void Add(string field, string problem)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(problem);
    }

    public bool Any => _errors.Count > 0;

    public void ThrowIfAny()
    {
        if (Any) throw new ValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.OrdinalIgnoreCase));
    }
}
