using System.Security.Claims;
using System.Text.Encodings.Web;
using Ecommerce.Core.Shops;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Ecommerce.Web.Hosting;

/// <summary>
/// The merchant API's authentication: a per-shop key in <c>X-Api-Key</c> (or <c>Authorization: ApiKey …</c>)
/// becomes a principal whose <c>shop_id</c> claim is the shop every endpoint acts for.
/// </summary>
public static class ApiKeyAuthentication
{
    public const string Scheme = "ApiKey";
    public const string Policy = "MerchantApiKey";
    public const string ShopIdClaim = "shop_id";
    public const string Header = "X-Api-Key";

    public static AuthenticationBuilder AddApiKey(this AuthenticationBuilder builder) =>
        // No display name: Identity UI would list the scheme as an external login provider.
        builder.AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(Scheme, displayName: null, _ => { });

    public static AuthorizationBuilder AddMerchantApiKeyPolicy(this AuthorizationBuilder builder) =>
        builder.AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireClaim(ShopIdClaim));

    /// <summary>The shop the request's key belongs to; endpoints behind <see cref="Policy"/> always have one.</summary>
    public static int ShopId(this ClaimsPrincipal user) =>
        int.Parse(user.FindFirstValue(ShopIdClaim) ?? throw new InvalidOperationException("No API key on this request."));
}

internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = ReadSecret(Request);
        if (secret is null) return AuthenticateResult.NoResult();
        if (await keys.AuthenticateAsync(secret, Context.RequestAborted) is not { } shopId)
            return AuthenticateResult.Fail("The API key is invalid or revoked.");
        var identity = new ClaimsIdentity(
            [new Claim(ApiKeyAuthentication.ShopIdClaim, shopId.ToString()), new Claim(ClaimTypes.Name, ApiKeys.PrefixOf(secret)!)],
            ApiKeyAuthentication.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeyAuthentication.Scheme));
    }

    // A problem body (not an empty 401) also keeps the status-code pages from turning it into an HTML page.
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"{ApiKeyAuthentication.Scheme} header=\"{ApiKeyAuthentication.Header}\"";
        var detail = ReadSecret(Request) is null
            ? $"Send your shop's API key in the {ApiKeyAuthentication.Header} header (create one in the merchant console)."
            : "The API key is invalid or has been revoked.";
        await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "This API key may not do that.").ExecuteAsync(Context);

    private static string? ReadSecret(HttpRequest request)
    {
        if (request.Headers[ApiKeyAuthentication.Header].ToString() is { Length: > 0 } key) return key.Trim();
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(ApiKeyAuthentication.Scheme + " ", StringComparison.OrdinalIgnoreCase)
            ? authorization[(ApiKeyAuthentication.Scheme.Length + 1)..].Trim()
            : null;
    }
}
