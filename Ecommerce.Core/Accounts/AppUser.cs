using Ecommerce.Core.Common;
using Microsoft.AspNetCore.Identity;

namespace Ecommerce.Core.Accounts;

/// <summary>The platform's one user type: shoppers, merchants and admins differ only by role.</summary>
public class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }
    [Stamped] public DateTime CreatedAt { get; set; }
}
