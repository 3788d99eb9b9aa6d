using Ecommerce.Web.Hosting;
using System.Security.Claims;
using Ecommerce.Core.Common;
using Ecommerce.Core.Pricing;
using Ecommerce.Web.Components.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ecommerce.Web.Api;

/// <summary>A tax rate on the wire: rate is a fraction (0.0825 is 8.25 %); region empty for the whole country.</summary>
public sealed record TaxRateBody(string? Country, string? Region, decimal Rate, string? Name);

public sealed record TaxRateResponse(int Id, string Country, string Region, decimal Rate, string Name)
{
    public static TaxRateResponse From(TaxRate t) => new(t.Id, t.Country, t.Region, t.Rate, t.Name);
}

/// <summary>/api/v1/admin/tax-rates: the per-country/region rate table the Pricer applies (TaxRates).</summary>
internal static class AdminTaxRateEndpoints
{
    public static void MapAdminTaxRates(this RouteGroupBuilder admin)
    {
        var rates = admin.MapGroup("/tax-rates").WithTags("Admin");
        rates.MapGet("", async (HttpRequest request, TaxRates taxRates) =>
            {
                var page = await taxRates.ListAsync(request.QueryInt("page", 1, 1_000_000) ?? 1, request.QueryInt("pageSize", 1, PageRequest.MaxPageSize) ?? 50,
                    request.HttpContext.RequestAborted);
                return TypedResults.Ok(new PagedResult<TaxRateResponse>(page.Items.Select(TaxRateResponse.From).ToList(), page.Total, page.Page, page.PageSize));
            })
            .Describe("AdminListTaxRates", "The tax rate table by country and region, a page at a time")
            .WithIntQuery("page", "Page number, from 1").WithIntQuery("pageSize", "1 to 100 (default 50)").ProducesValidationProblem();
        rates.MapPut("", async (HttpRequest request, ClaimsPrincipal user, TaxRates taxRates) =>
            {
                var body = await request.ReadJsonAsync<TaxRateBody>();
                var country = body.Country?.Trim().ToUpperInvariant() ?? "";
                if (!Countries.All.Any(c => c.Code == country))
                    throw ValidationException.For("country", $"must be one of the platform's countries: {string.Join(", ", Countries.All.Select(c => c.Code))}");
                var id = await taxRates.SetAsync(new TaxRateInput(country, body.Region, body.Rate, body.Name ?? ""), user.ToAuditActor(), request.HttpContext.RequestAborted);
                return TypedResults.Ok(new { id });
            })
            .Describe("AdminSetTaxRate", "Adds the rate for a country (and region), or replaces it; rate is a fraction from 0 up to 1")
            .Accepts<TaxRateBody>("application/json").ProducesValidationProblem();
        rates.MapDelete("/{id:int}", async Task<NoContent> (int id, ClaimsPrincipal user, TaxRates taxRates, CancellationToken cancellationToken) =>
            {
                await taxRates.DeleteAsync(id, user.ToAuditActor(), cancellationToken);
                return TypedResults.NoContent();
            })
            .Describe("AdminDeleteTaxRate", "Deletes a rate").ProducesProblem(StatusCodes.Status404NotFound);
    }
}
