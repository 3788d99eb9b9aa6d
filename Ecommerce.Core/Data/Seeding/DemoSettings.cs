namespace Ecommerce.Core.Data.Seeding;

/// <summary>Configuration section "Demo": the demo catalogue and accounts (see <see cref="DemoSeeder"/>).</summary>
public sealed class DemoSettings
{
    public const string Section = "Demo";

    /// <summary>Seed the demo catalogue and demo accounts (password <see cref="DemoSeeder.DemoPassword"/>) on start.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// When &gt; 0, extra generated products for benchmarks. Seeding on start tops the catalogue up to the demo
    /// catalogue plus this many (<see cref="DemoSeeder.EnsureBulkProductsAsync"/>), so a restart adds nothing more.
    /// </summary>
    public int BulkProducts { get; set; }

    /// <summary>An API key for the main demo shop, so load tests and scripts can call the merchant API at once.</summary>
    public string? MerchantApiKey { get; set; }
}
