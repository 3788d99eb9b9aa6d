using Ecommerce.Core.Accounts;
using Ecommerce.Core.Catalog;
using Ecommerce.Core.Data;
using Ecommerce.Core.Data.Seeding;
using Ecommerce.Core.Email;
using Ecommerce.Core.Events;
using Ecommerce.Core.Payments;
using Ecommerce.Core.Shops;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Everything the business needs, on the database <paramref name="database"/> describes.</summary>
    public static IServiceCollection AddEcommerceCore(this IServiceCollection services, IConfiguration configuration, DatabaseSettings database)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddEcommerceData(database);

        services.Configure<OutboxOptions>(configuration.GetSection(OutboxOptions.Section));
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<OutboxMonitor>();
        services.AddSingleton<OutboxMetrics>();
        services.AddSingleton<OutboxCursor>();
        services.AddHostedService<OutboxDispatcherService>();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            services.AddSingleton<PostgresOutboxListener>();
            services.AddHostedService(sp => sp.GetRequiredService<PostgresOutboxListener>());
        }

        var email = configuration.GetSection(EmailSettings.Section);
        services.Configure<EmailSettings>(email);
        if (string.IsNullOrWhiteSpace(email[nameof(EmailSettings.SmtpHost)]))
            services.AddSingleton<IEmailSender, PickupFolderEmailSender>();
        else
            services.AddSingleton<IEmailSender, SmtpEmailSender>();

        services.AddScoped<AccountBootstrapper>();
        services.Configure<DemoSettings>(configuration.GetSection(DemoSettings.Section));
        services.AddScoped<DemoSeeder>();
        services.AddSingleton<AdminUsers>();
        services.AddSingleton<StorefrontCatalog>();
        services.AddHostedService<CategoryWarmer>();
        services.AddSingleton<Search.ProductListings>();
        services.AddSingleton<Pricing.LiveSalePrices>();
        services.AddSingleton<Recommendations.ProductRecommendations>();
        services.AddSingleton<MerchantCatalog>();
        services.AddSingleton<CategoryAdmin>();
        services.AddSingleton<ProductCommands>();
        services.AddSingleton<ProductGallery>();
        services.AddSingleton<ProductCsv>();
        services.AddSingleton<Pricing.FlashSales>();
        services.AddSingleton<Pricing.Coupons>();
        services.AddSingleton<Pricing.TaxRates>();
        services.AddSingleton<Inventory.StockService>();
        services.AddSingleton<StorefrontShops>();
        services.AddSingleton<Pricing.LiveDeals>();
        services.AddMemoryCache();
        services.AddSingleton<Shipping.Deliverability>();
        services.AddSingleton<Search.ProductSearchIndex>();
        services.AddSingleton<Search.SearchDocumentLoader>();
        services.AddSingleton<Search.SearchIndexer>();
        services.AddSingleton<Search.SearchMetrics>();
        services.AddHostedService<Search.SearchIndexerService>();
        services.AddSingleton<MerchantShops>();
        services.AddSingleton<ApiKeys>();
        services.AddSingleton<ShopProducts>();
        services.AddSingleton<Settings.PlatformSettings>();
        services.AddSingleton<Audit.AuditLog>();
        // Admin governance: suspensions, moderation, users, parked events.
        services.AddSingleton<ShopSuspensions>();
        services.AddSingleton<ProductModeration>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<FailedEventRetries>();
        services.AddSingleton<MerchantApplications>();
        services.AddSingleton<ShopEditor>();
        services.AddSingleton<ShopBuilder>();
        services.AddSingleton<ShopSectionProducts>();
        services.Configure<Media.MediaOptions>(configuration.GetSection(Media.MediaOptions.Section));
        services.AddSingleton<Media.MediaFolder>();
        services.AddSingleton<Media.MediaStore>();
        services.AddCheckoutAndOrders(configuration);
        return services;
    }

    private static void AddCheckoutAndOrders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<WriteGate>();
        services.Configure<Checkout.CheckoutOptions>(configuration.GetSection(Checkout.CheckoutOptions.Section));
        services.Configure<Payments.PaymentOptions>(configuration.GetSection(Payments.PaymentOptions.Section));
        services.AddSingleton<Inventory.StockReservations>();
        services.AddSingleton<Inventory.SoldOutBoard>();
        services.AddHostedService<Inventory.SoldOutBoardCorrector>();
        services.AddSingleton<Checkout.Pricer>();
        services.AddSingleton<Carts.CartService>();
        services.AddSingleton<Carts.WishlistService>();
        services.AddSingleton<Carts.CardShortcuts>();
        services.AddSingleton<Checkout.AddressBook>();
        services.AddSingleton<Checkout.CheckoutQueue>();
        services.AddSingleton<Checkout.CheckoutService>();
        services.AddSingleton<Checkout.CheckoutMetrics>();
        services.AddSingleton<Payments.PaymentNotifications>();
        services.AddSingleton<Orders.OrderPayments>();
        services.AddSingleton<Orders.ShopperOrders>();
        services.AddEventHandler<Orders.PaymentEventHandler>();
        services.AddSingleton<Email.OnceOnlyEmail>();
        services.AddEventHandler<Orders.OrderEmails>();
        services.AddEventHandler<Shops.MerchantDecisionEmails>();
        services.AddEventHandler<Orders.RefundDueHandler>();
        services.AddSingleton<Orders.MerchantOrders>();
        services.AddSingleton<Orders.Refunds>();
        services.Configure<Orders.RefundOptions>(configuration.GetSection(Orders.RefundOptions.Section));
        services.AddSingleton<Orders.PendingRefundSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<Orders.PendingRefundSweeper>());
        services.AddSingleton<Orders.Returns>();
        services.AddEventHandler<Orders.ReturnRefundedHandler>();
        services.AddSingleton<Orders.AdminOrders>();
        services.AddSingleton<Orders.ShopperCancellation>();
        services.AddSingleton<Analytics.SalesDashboard>();
        services.AddSingleton<Analytics.PlatformDashboard>();
        services.AddSingleton<Analytics.ProductViews>();
        services.AddHostedService(sp => sp.GetRequiredService<Analytics.ProductViews>());
        services.AddSingleton<Checkout.CheckoutSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<Checkout.CheckoutSweeper>());

        services.AddStripeWebhooks(configuration);
        var provider = configuration[$"{Payments.PaymentOptions.Section}:Provider"] ?? "Sandbox";
        if (provider.Equals("Sandbox", StringComparison.OrdinalIgnoreCase))
            services.AddSingleton<Payments.IPaymentGateway, Payments.SandboxPaymentGateway>();
        else if (provider.Equals("Stripe", StringComparison.OrdinalIgnoreCase))
            services.AddStripeGateway(configuration);
        else
            throw new InvalidOperationException($"Payments:Provider must be Sandbox or Stripe, not '{provider}'.");
    }
}
