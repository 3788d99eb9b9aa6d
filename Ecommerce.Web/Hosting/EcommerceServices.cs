using Ecommerce.Core;
using Ecommerce.Core.Accounts;
using Ecommerce.Core.Data;
using Ecommerce.Web.Api;
using Ecommerce.Web.Components;
using Ecommerce.Web.Components.Layout;
using Ecommerce.Web.Components.Storefront.Cart;
using Ecommerce.Web.Components.Storefront.Checkout;
using Ecommerce.Web.Components.Storefront.Orders;
using Ecommerce.Web.Components.Storefront.Products;
using Ecommerce.Web.Components.Storefront.Seo;
using Ecommerce.Web.Components.Storefront.Wishlist;
using Ecommerce.Web.Hosting.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;

namespace Ecommerce.Web.Hosting;

internal static class EcommerceServices
{
    private const string CookieOrBearer = "Identity.CookieOrBearer";

    /// <summary>Registers the whole web host: Core on the configured database, Identity, Blazor, MudBlazor, health.</summary>
    public static WebApplicationBuilder AddEcommerce(this WebApplicationBuilder builder)
    {
        // Serve package assets (MudBlazor's) from the build output in every environment, not only Development;
        // a published app has them in wwwroot and this does nothing.
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false); // no "Server: Kestrel" for scanners
        var services = builder.Services;
        var configuration = builder.Configuration;
        var database = DatabaseSettings.From(configuration, builder.Environment.ContentRootPath);
        services.AddEcommerceCore(configuration, database);
        // Keys that protect login cookies, bearer and antiforgery tokens live in the database (every node shares it),
        // or in a folder all nodes share (DataProtection:KeysFolder), so a login made on one node is valid on every node.
        var dataProtection = services.AddDataProtection().SetApplicationName("Ecommerce")
            .ProtectKeysWithConfiguredCertificate(configuration, builder.Environment.ContentRootPath); // encrypted at rest, when configured
        if (configuration["DataProtection:KeysFolder"] is { Length: > 0 } keysFolder)
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(keysFolder, builder.Environment.ContentRootPath)));
        else
            dataProtection.PersistKeysToDbContext<AppDbContext>();

        services.AddDefaultIdentity<AppUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = configuration.GetValue("Accounts:RequireConfirmedEmail", false);
                options.User.RequireUniqueEmail = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                // AddDefaultIdentity caps login and token keys at 128; the migrations (made without the web host) keep
                // them unbounded, and on PostgreSQL the difference was a pending model change that stopped the app at start.
                options.Stores.MaxLengthForKeys = 0;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserManager<AppUserManager>()
            .AddApiEndpoints()
            // After AddApiEndpoints, which registers the stock sign-in manager again. Lockout on the log-in page too;
            // log-out ends every session (AppSignInManager.cs).
            .AddSignInManager<AppSignInManager>();
        services.AddShopperCookie(); // guest cart token; merged into the user's cart at sign-in
        // Browsers carry the Identity cookie, API clients a bearer token: one default scheme serves both.
        services.AddAuthentication(options => options.DefaultScheme = CookieOrBearer)
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddPolicyScheme(CookieOrBearer, displayName: null, options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddApiKey(); // the merchant API's per-shop keys (ApiKeyAuthentication.cs)
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Merchant, p => p.RequireRole(Roles.Merchant))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddMerchantApiKeyPolicy();
        services.AddIdentityEmail();
        services.AddRegistrationPrivacy(); // registering with a known address answers as a new one (RegistrationPrivacy.cs)
        services.AddSessionRevocation(configuration); // lock, password, roles, log-out end cookies and tokens (SessionRevocation.cs)
        services.AddIdentityInputGuards(); // Identity UI's pages and lookups refuse bad input with a 400 (IdentityInputGuards.cs)
        services.AddAdminSecurity(configuration, builder.Environment); // API 401/403 problems; admins' two-factor (AdminSecurity.cs)

        services.AddRazorPages();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices();
        services.AddOpenApi();
        services.AddStrictRouteIds(); // {id:int} is digits only (Api/RouteIds.cs)
        services.AddProblemDetails();
        services.AddStoreRateLimits(configuration);
        services.AddEcommerceHealthChecks(); // HealthEndpoints.cs
        services.AddStorefrontCache(); // anonymous storefront pages, StorefrontCache.cs
        services.AddEcommerceMetrics(configuration); // /metrics for Prometheus, MetricsEndpoint.cs
        services.AddStorefrontSeo(); // canonical addresses, sitemaps, robots.txt (Components/Storefront/Seo)
        return builder;
    }

    /// <summary>The request pipeline and every endpoint.</summary>
    public static WebApplication UseEcommerce(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseMetricsEndpoint(); // before everything a page needs; who may scrape: MetricsEndpoint.cs
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        // Errors without a body: the site shows its 404 page, the API answers RFC 7807 problem details.
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseApiProblemResponses();
        app.UseDatabaseOutagePage(); // DatabaseOutage.cs: a 503 that says nothing was charged, while the database is away
        app.UsePageQueryValidation(); // a page's unparsable ?page=abc is a 400, not a render failure
        app.UseNulRejection(); // %00 in a query value is a 400 (PostgreSQL refuses it in text)
        app.MapStaticAssets();
        app.UseAuthentication();
        app.UseDefaultDeliveryLocation();
        app.UseAuthorization();
        app.UseAdminTwoFactor();
        app.UseCookieWriteGuard(); // cookie-signed API changes must be JSON (Api/CookieWrites.cs)
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.UseOutputCache();
        app.UsePersonalPages(); // a guest with a cart: the page's template with their cart count, hearts and token

        app.MapCartForms();
        app.MapWishlistForms();
        app.MapCheckoutForms();
        app.MapOrderForms();
        app.MapHealthEndpoints();
        app.MapProductViewBeacon();
        app.MapStorefrontSeo();
        app.MapDiagnosticsEndpoints();
        app.MapGeneratedImages();
        app.MapConsoleThemeStylesheet(); // the consoles' MudBlazor theme, built once (Components/Layout)
        app.MapProductCsv();
        app.MapOrderCsv();
        app.MapMediaEndpoints();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapApiReference(); // /api/docs, ApiReference.cs
        app.MapAccountEndpoints();
        app.MapSearchEndpoints();
        app.MapCatalogEndpoints();
        app.MapProductEndpoints();
        app.MapPaymentWebhookEndpoints();
        app.MapStoreEndpoints();
        app.MapAdminEndpoints();
        app.MapRazorPages().LimitCredentialAttempts(); // Identity UI's log-in, register, 2FA and reset pages
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().CacheOutput(StorefrontCache.Policy);
        return app;
    }
}

public static class Policies
{
    public const string Merchant = "Merchant";
    public const string Admin = "Admin";
}
