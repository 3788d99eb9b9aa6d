using AngleSharp.Html.Parser;

namespace Ecommerce.Tests.Accounts;

/// <summary>Posting Identity's pages as a browser does: with the antiforgery token of the page's own form.</summary>
internal static class IdentityForms
{
    public static async Task<string> TokenAsync(HttpClient client, string path, string form, string? host = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (host is not null) request.Headers.Host = host;
        var page = new HtmlParser().ParseDocument(await (await client.SendAsync(request)).Content.ReadAsStringAsync());
        return page.QuerySelector($"{form} input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new Xunit.Sdk.XunitException($"{path} has no form '{form}' with an antiforgery token");
    }
}
