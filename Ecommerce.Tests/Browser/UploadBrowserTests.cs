using Ecommerce.Core.Accounts;
using Ecommerce.Core.Data.Seeding;
using Ecommerce.Core.Shops;
using Ecommerce.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ecommerce.Tests.Browser;

/// <summary>Uploading through the console's file fields in chromium (Blazor's InputFile over the circuit).</summary>
[Collection(WebCollection.Name)]
public sealed class UploadBrowserTests(WebAppFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task A_merchant_uploads_a_shop_logo_in_the_builder_and_a_disguised_file_is_refused()
    {
        var shop = (await app.Services.GetRequiredService<MerchantShops>().ShopsOfAsync(await app.UserIdAsync(DemoSeeder.MerchantEmail))).First();

        var page = await browser.NewPageAsync(app.BaseAddress);
        await BrowserSession.LogInAsync(page, DemoSeeder.MerchantEmail, DemoSeeder.DemoPassword);
        // The logo is part of the theme, which the shop builder edits (uploaded, it is not saved until the draft is).
        await BrowserSession.OpenInteractiveAsync(page, $"/merchant/shops/{shop.Id}/builder");

        var logoInput = page.Locator(".theme-editor input[type=file]").First;
        await ChooseUntilAsync(logoInput, new FilePayload { Name = "evil.png", MimeType = "image/png", Buffer = TestImages.DisguisedHtml },
            page.Locator(".image-field .field-error").First);
        await Assertions.Expect(page.Locator(".image-field .field-error").First).ToContainTextAsync("PNG, JPEG or WebP");

        await ChooseUntilAsync(logoInput, new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = TestImages.TinyPng },
            page.Locator(".image-field img[src^='/media/']").First);
    }

    /// <summary>
    /// Chooses a file until the page shows <paramref name="outcome"/>. The circuit can be connected a moment before
    /// InputFile has wired its change handler; a file chosen in that moment is not seen, so it is chosen again.
    /// </summary>
    private static async Task ChooseUntilAsync(ILocator input, FilePayload file, ILocator outcome)
    {
        for (var attempt = 1; ; attempt++)
        {
            await input.SetInputFilesAsync(file);
            try
            {
                await Assertions.Expect(outcome).ToBeVisibleAsync(new() { Timeout = 4_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 4) { }
        }
    }
}
