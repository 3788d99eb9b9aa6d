using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Ecommerce.Core.Common;
using ValidationException = Ecommerce.Core.Common.ValidationException;
using Ecommerce.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Ecommerce.Core.Catalog;

public sealed record CsvImportProgress(int RowsDone, int RowsTotal);

/// <summary>A rejected row; <see cref="Row"/> counts like a spreadsheet (the header is row 1).</summary>
public sealed record CsvRowError(int Row, string Reason);

/// <summary>
/// <see cref="FileError"/> set: the file was refused as a whole and nothing changed. Otherwise the valid products
/// were saved and every rejected row is in <see cref="RowErrors"/>.
/// </summary>
public sealed record CsvImportResult(string? FileError, int Created, int Updated, IReadOnlyList<CsvRowError> RowErrors)
{
    public static CsvImportResult Refused(string why) => new(why, 0, 0, []);
}

/// <summary>
/// A shop's catalogue as CSV, one row per variant; rows of one product share its product_slug, and the product's
/// own fields are read from its first row. Import saves each product through <see cref="ProductCommands"/> (same
/// validation and events as the console); a product with any invalid row is skipped whole, because saving it
/// without that row would delete the variant on update. Attributes and options are JSON objects, tags are
/// ';'-separated, numbers use '.' as the decimal point.
/// </summary>
public sealed class ProductCsv(IDbContextFactory<AppDbContext> contexts, ProductCommands commands)
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 10_000;

    public static readonly string[] Headers =
        ["product_slug", "name", "description", "category", "brand", "tags", "status", "attributes", "sku", "options", "price", "compare_at_price", "stock"];

    private static readonly string[] RequiredHeaders = ["product_slug", "name", "price", "stock"];

    public async Task ExportAsync(int shopId, Stream output, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var products = await db.Products.AsNoTracking().Where(p => p.ShopId == shopId).OrderBy(p => p.Id)
            .Include(p => p.Category).Include(p => p.Variants.OrderBy(v => v.Position)).ThenInclude(v => v.Stock)
            .AsSplitQuery().ToListAsync(cancellationToken);

        await using var text = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        await using var csv = new CsvWriter(text, CultureInfo.InvariantCulture);
        foreach (var header in Headers) csv.WriteField(header);
        await csv.NextRecordAsync();
        foreach (var p in products)
        {
            foreach (var v in p.Variants)
            {
                csv.WriteField(p.Slug); csv.WriteField(p.Name); csv.WriteField(p.Description); csv.WriteField(p.Category!.Slug);
                csv.WriteField(p.Brand ?? ""); csv.WriteField(string.Join(';', p.Tags)); csv.WriteField(p.Status.ToString());
                csv.WriteField(Json(p.Attributes)); csv.WriteField(v.Sku); csv.WriteField(Json(v.Options));
                csv.WriteField(v.Price.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(v.CompareAtPrice?.ToString(CultureInfo.InvariantCulture) ?? "");
                csv.WriteField((v.Stock?.OnHand ?? 0).ToString(CultureInfo.InvariantCulture));
                await csv.NextRecordAsync();
            }
        }
    }

    public async Task<CsvImportResult> ImportAsync(int shopId, Stream input, IProgress<CsvImportProgress>? progress = null,
        string? userId = null, CancellationToken cancellationToken = default)
    {
        // The whole file is checked before anything is saved, so a refused file changes nothing.
        var text = await ReadLimitedAsync(input, cancellationToken);
        if (text is null) return CsvImportResult.Refused($"The file is larger than {MaxBytes / 1024 / 1024} MB.");
        if (text.Contains('\0')) return CsvImportResult.Refused("This is not a CSV file (it contains binary data).");
        if (string.IsNullOrWhiteSpace(text)) return CsvImportResult.Refused("The file is empty.");

        List<CsvLine> lines;
        try { lines = Parse(text, out var missing); if (missing is not null) return CsvImportResult.Refused(missing); }
        catch (CsvHelperException e) { return CsvImportResult.Refused($"This is not a readable CSV file (row {e.Context?.Parser?.Row}): check quotes and separators."); }
        if (lines.Count > MaxRows) return CsvImportResult.Refused($"The file has {lines.Count:N0} rows; at most {MaxRows:N0} can be imported at once.");
        if (lines.Count == 0) return CsvImportResult.Refused("The file has a header but no rows.");

        var errors = new List<CsvRowError>();
        var firstRowOfSku = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines)
        {
            if (line.Slug.Length == 0) errors.Add(new(line.Row, "product_slug is required"));
            if (line.Sku.Length == 0) continue;
            if (firstRowOfSku.TryGetValue(line.Sku, out var first)) errors.Add(new(line.Row, $"sku {line.Sku} is already on row {first}"));
            else firstRowOfSku[line.Sku] = line.Row;
        }

        var groups = lines.Where(l => l.Slug.Length > 0).GroupBy(l => l.Slug, StringComparer.Ordinal).ToList();
        var existing = await ExistingAsync(shopId, groups.Select(g => g.Key).ToList(), cancellationToken);
        int created = 0, updated = 0, done = lines.Count(l => l.Slug.Length == 0);
        progress?.Report(new CsvImportProgress(done, lines.Count));
        foreach (var group in groups)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = group.ToList();
            var rowErrors = new List<CsvRowError>();
            var product = ToInput(rows, existing.GetValueOrDefault(group.Key), rowErrors);
            rowErrors.AddRange(errors.Where(e => rows.Any(r => r.Row == e.Row) && !rowErrors.Contains(e)));
            if (rowErrors.Count == 0)
            {
                try
                {
                    if (existing.TryGetValue(group.Key, out var known)) { await commands.UpdateAsync(shopId, known.Id, product!, null, userId, cancellationToken); updated++; }
                    else { await commands.CreateAsync(shopId, product!, userId, cancellationToken); created++; }
                }
                catch (ValidationException e) { rowErrors.AddRange(e.Errors.SelectMany(f => f.Value.Select(problem => RowError(rows, f.Key, problem)))); }
                catch (DomainException e) { rowErrors.Add(new(rows[0].Row, e.Message)); }
            }
            foreach (var e in rowErrors.Where(e => !errors.Contains(e))) errors.Add(e);
            done += rows.Count;
            progress?.Report(new CsvImportProgress(done, lines.Count));
        }
        return new CsvImportResult(null, created, updated, errors.OrderBy(e => e.Row).ToList());
    }

    private sealed record CsvLine(int Row, string Slug, string Name, string Description, string Category, string Brand, string Tags,
        string Status, string Attributes, string Sku, string Options, string Price, string CompareAtPrice, string Stock);

    private sealed record ExistingProduct(int Id, Dictionary<string, int> VariantIdsBySku);

    private static List<CsvLine> Parse(string text, out string? missingHeaders)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            MissingFieldFound = null, HeaderValidated = null, TrimOptions = TrimOptions.Trim,
            PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(),
        };
        using var csv = new CsvReader(new StringReader(text), config);
        csv.Read();
        csv.ReadHeader();
        var headers = (csv.HeaderRecord ?? []).Select(h => h.Trim().ToLowerInvariant()).ToHashSet();
        var missing = RequiredHeaders.Where(h => !headers.Contains(h)).ToList();
        missingHeaders = missing.Count == 0 ? null
            : $"The first row must be a header naming the columns; missing: {string.Join(", ", missing)}. Expected columns: {string.Join(", ", Headers)}.";
        var lines = new List<CsvLine>();
        if (missingHeaders is not null) return lines;
        string F(string name) => headers.Contains(name) ? csv.GetField(name)?.Trim() ?? "" : "";
        while (csv.Read())
        {
            if (csv.Parser.Record is { } record && record.All(string.IsNullOrWhiteSpace)) continue; // blank line
            lines.Add(new CsvLine(csv.Parser.Row, F("product_slug"), F("name"), F("description"), F("category"), F("brand"), F("tags"),
                F("status"), F("attributes"), F("sku"), F("options"), F("price"), F("compare_at_price"), F("stock")));
            if (lines.Count > MaxRows) break; // enough to refuse the file
        }
        return lines;
    }

    /// <summary>The product the rows describe, or null with each bad row in <paramref name="errors"/>.</summary>
    private static ProductInput? ToInput(List<CsvLine> rows, ExistingProduct? existing, List<CsvRowError> errors)
    {
        var head = rows[0];
        var status = ProductStatus.Draft; // an import without a status stays unpublished until the merchant looks
        if (head.Status.Length > 0 && (!Enum.TryParse(head.Status, ignoreCase: true, out status) || !Enum.IsDefined(status) || int.TryParse(head.Status, out _)))
            errors.Add(new(head.Row, "status must be Draft, Active or Archived"));
        var attributes = JsonObject(head.Attributes, "attributes", head.Row, errors);
        var variants = new List<VariantInput>();
        foreach (var row in rows)
        {
            var price = Number<decimal>(row.Price, "price", row.Row, errors, required: true);
            var compareAt = Number<decimal>(row.CompareAtPrice, "compare_at_price", row.Row, errors, required: false);
            var id = row.Sku.Length > 0 && existing?.VariantIdsBySku.GetValueOrDefault(row.Sku) is > 0 and var known ? known : (int?)null;
            // A blank stock cell leaves an existing variant's count as it is then: re-importing an older export never
            // undoes the sales made since. A new variant needs a count.
            var stock = Number<int>(row.Stock, "stock", row.Row, errors, required: id is null);
            variants.Add(new VariantInput
            {
                Id = id, KeepStock = id is not null && row.Stock.Length == 0,
                Sku = row.Sku.Length == 0 ? null : row.Sku,
                Options = JsonObject(row.Options, "options", row.Row, errors),
                Price = price ?? 0, CompareAtPrice = compareAt, Stock = stock ?? 0,
            });
        }
        if (errors.Count > 0) return null;
        return new ProductInput
        {
            Name = head.Name, Slug = head.Slug, Description = head.Description, Category = head.Category,
            Brand = head.Brand, Status = status, Attributes = attributes,
            Tags = head.Tags.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            Options = ProductOption.FromVariants(variants.Select(v => v.Options!)),
            Variants = variants,
        };
    }

    private static T? Number<T>(string value, string column, int row, List<CsvRowError> errors, bool required) where T : struct, INumber<T>
    {
        if (value.Length == 0)
        {
            if (required) errors.Add(new(row, $"{column} is required"));
            return null;
        }
        if (T.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)) return number;
        errors.Add(new(row, $"{column} '{value}' is not a number"));
        return null;
    }

    private static Dictionary<string, string> JsonObject(string value, string column, int row, List<CsvRowError> errors)
    {
        if (value.Length == 0) return [];
        try { return JsonSerializer.Deserialize<Dictionary<string, string>>(value) ?? []; }
        catch (JsonException) { errors.Add(new(row, $"{column} must be a JSON object of texts, like {{\"Size\":\"M\"}}")); return []; }
    }

    // ProductCommands names fields as the API does (variants[2].price); a CSV user thinks in rows and columns.
    private static CsvRowError RowError(List<CsvLine> rows, string key, string problem)
    {
        if (key.StartsWith("variants[", StringComparison.Ordinal) && key.IndexOf(']') is var end and > 9
            && int.TryParse(key[9..end], out var index) && index < rows.Count)
        {
            var field = key[(end + 1)..].TrimStart('.');
            field = field switch { "compareAtPrice" => "compare_at_price", "" => "variant", _ => field };
            return new(rows[index].Row, $"{field} {problem}");
        }
        return new(rows[0].Row, $"{key} {problem}");
    }

    private async Task<Dictionary<string, ExistingProduct>> ExistingAsync(int shopId, List<string> slugs, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.Products.AsNoTracking().Where(p => p.ShopId == shopId && slugs.Contains(p.Slug))
            .Select(p => new { p.Id, p.Slug, Variants = p.Variants.Select(v => new { v.Id, v.Sku }).ToList() }).ToListAsync(cancellationToken);
        return found.ToDictionary(p => p.Slug, p => new ExistingProduct(p.Id, p.Variants.ToDictionary(v => v.Sku, v => v.Id, StringComparer.OrdinalIgnoreCase)));
    }

    private static async Task<string?> ReadLimitedAsync(Stream input, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await input.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes) return null;
        }
        buffer.Position = 0;
        using var reader = new StreamReader(buffer, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private static string Json(Dictionary<string, string> values) => values.Count == 0 ? "" : JsonSerializer.Serialize(values);
}
