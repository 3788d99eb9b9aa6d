using System.Security.Claims;
using System.Text.Encodings.Web;
using Ecommerce.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace Ecommerce.Web.Hosting.Identity;

internal static class AuthenticatorQrEndpoint
{
    public const string Path = "/account/authenticator-qr.svg";

    /// <summary>
    /// The QR code of Identity UI's "Configure authenticator app" page, drawn on the server for the signed-in user
    /// (wwwroot/js/site.js puts it into the page), so the shared secret never travels in a URL.
    /// </summary>
    public static IEndpointRouteBuilder MapAuthenticatorQr(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, async (ClaimsPrincipal principal, UserManager<AppUser> users, IConfiguration configuration) =>
        {
            var user = await users.GetUserAsync(principal);
            if (user is null) return Results.Unauthorized();
            var key = await users.GetAuthenticatorKeyAsync(user);
            if (string.IsNullOrEmpty(key)) return Results.NotFound();
            var issuer = UrlEncoder.Default.Encode(configuration["Accounts:AuthenticatorIssuer"] ?? "Marketplace");
            var uri = $"otpauth://totp/{issuer}:{UrlEncoder.Default.Encode(user.Email!)}?secret={key}&issuer={issuer}&digits=6";
            using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
            var svg = new SvgQRCode(data).GetGraphic(5);
            return Results.Text(svg, "image/svg+xml");
        }).RequireAuthorization().ExcludeFromDescription()
          .WithMetadata(new Microsoft.AspNetCore.Mvc.ResponseCacheAttribute { NoStore = true, Location = Microsoft.AspNetCore.Mvc.ResponseCacheLocation.None });
        return endpoints;
    }
}
