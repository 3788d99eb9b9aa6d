using System.Text.RegularExpressions;
using Ecommerce.Core.Audit;
using Ecommerce.Core.Common;
using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Pricing;

/// <summary>A tax rate as an admin sets it: a country, optionally one region of it, and a fraction (0.0825 = 8.25 %).</summary>
public sealed record TaxRateInput(string Country, string? Region, decimal Rate, string Name);

/// <summary>
/// The platform's sales-tax table (for the admin console; callers check the admin role). One rate per country and
/// region; setting an existing one replaces it. The Pricer applies them: a region's rate wins over its country's.
/// Every change is audited in the same transaction.
/// </summary>
public sealed partial class TaxRates(IDbContextFactory<AppDbContext> contexts)
{
    public async Task<PagedResult<TaxRate>> ListAsync(int page = 1, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var paging = PageRequest.Of(page, pageSize, 50);
        var total = await db.TaxRates.CountAsync(cancellationToken);
        var rows = await db.TaxRates.AsNoTracking().OrderBy(t => t.Country).ThenBy(t => t.Region)
            .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return new PagedResult<TaxRate>(rows, total, paging.Page, paging.PageSize);
    }

    /// <summary>Adds the rate for the country and region, or replaces it; returns its id.</summary>
    public async Task<int> SetAsync(TaxRateInput input, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var country = input.Country?.Trim().ToUpperInvariant() ?? "";
        var region = input.Region?.Trim().ToUpperInvariant() ?? "";
        var name = input.Name?.Trim() ?? "";
        var errors = new ValidationErrors();
        if (!CountryPattern().IsMatch(country)) errors.Add("country", "must be a two-letter ISO country code");
        if (region.Length > 0 && !RegionPattern().IsMatch(region)) errors.Add("region", "must be up to 6 letters, digits or '-' (or empty for the whole country)");
        if (input.Rate is < 0 or >= 1) errors.Add("rate", "must be a fraction from 0 up to 1 (0.0825 is 8.25 %)");
        else if (decimal.Round(input.Rate, 4) != input.Rate) errors.Add("rate", "must have at most 4 decimals (steps of 0.01 %)"); // the column's scale
        if (name.Length == 0) errors.Add("name", "is required");
        else if (name.Length > 80) errors.Add("name", "must be at most 80 characters");
        errors.ThrowIfAny();

        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var rate = await db.TaxRates.FirstOrDefaultAsync(t => t.Country == country && t.Region == region, cancellationToken);
            var before = rate is null ? null : new { rate.Rate, rate.Name };
            if (rate is null) db.TaxRates.Add(rate = new TaxRate { Country = country, Region = region, Name = name });
            rate.Rate = input.Rate;
            rate.Name = name;
            // The subject is the country and region (the id of a new row is not known before it is saved).
            db.Record(actor, before is null ? "tax-rate.added" : "tax-rate.changed", "tax-rate", region.Length == 0 ? country : $"{country}-{region}",
                before: before, after: new { rate.Rate, rate.Name });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return rate.Id;
            }
            catch (DbUpdateException e) when (attempt == 0 && DbErrors.IsUniqueViolation(e))
            {
                // Two admins added the same rate at once: the other one's row exists now; replace it.
            }
        }
    }

    public async Task DeleteAsync(int id, AuditActor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rate = await db.TaxRates.FirstOrDefaultAsync(t => t.Id == id, cancellationToken) ?? throw new NotFoundException($"Tax rate {id}");
        db.TaxRates.Remove(rate);
        db.Record(actor, "tax-rate.deleted", "tax-rate", rate.Region.Length == 0 ? rate.Country : $"{rate.Country}-{rate.Region}",
            before: new { rate.Rate, rate.Name });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new NotFoundException($"Tax rate {id}"); // deleted by someone else in between
        }
    }

    [GeneratedRegex("^[A-Z]{2}$")] private static partial Regex CountryPattern();
    [GeneratedRegex("^[A-Z0-9-]{1,6}$")] private static partial Regex RegionPattern();
}
