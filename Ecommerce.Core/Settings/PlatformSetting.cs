using Ecommerce.Core.Common;

namespace Ecommerce.Core.Settings;

/// <summary>A platform setting that admins change at run time (not a deployment setting): one row per key.</summary>
public class PlatformSetting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
    [Stamped] public DateTime UpdatedAt { get; set; }
}
