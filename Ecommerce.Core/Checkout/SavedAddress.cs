using Ecommerce.Core.Common;

namespace Ecommerce.Core.Checkout;

/// <summary>An address in a signed-in shopper's address book; the default one is also their "Deliver to".</summary>
public class SavedAddress
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public PostalAddress Address { get; set; } = new();
    public bool IsDefault { get; set; }
    [Stamped] public DateTime CreatedAt { get; set; }
}
