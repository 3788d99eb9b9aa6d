namespace Ecommerce.Web.Hosting;

/// <summary>Section "Demo": the demo catalogue and accounts seeded on first run (on by default for dotnet run).</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";
    public bool Enabled { get; set; }
    /// <summary>Extra generated products to add on start (for benchmarks), e.g. 100000.</summary>
    public int BulkProducts { get; set; }
}
