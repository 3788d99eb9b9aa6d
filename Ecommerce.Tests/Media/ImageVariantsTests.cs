using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Ecommerce.Core.Media;
using Ecommerce.Tests.Infrastructure;
using Ecommerce.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using Xunit.Abstractions;
using static Ecommerce.Tests.Api.ProductApi;

namespace Ecommerce.Tests.Media;

/// <summary>
/// Uploads over the real product-image API become sized, metadata-free variants served with immutable cache headers;
/// pictures too large to decode are refused from their header; the storefront offers the variants in a srcset.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ImageVariantsTests(WebAppFixture app, ITestOutputHelper output)
{
    private static MultipartFormDataContent Upload(byte[] bytes, string fileName, string contentType = "image/jpeg")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, MediaStore.Field, fileName);
        return form;
    }

    private async Task<(HttpClient Client, JsonElement Product, string ImagesPath)> ProductAsync(string name)
    {
        var (_, key) = await KeyForAsync(app, ShopA);
        var client = Client(app, key);
        var product = await CreateAsync(client, new { name, description = "Pictured", price_usd = 12, remaining_supply = 3 });
        return (client, product, $"/api/v1/products/{product.GetProperty("id").GetInt32()}/images");
    }

    private string[] MediaFolderFiles() =>
        Directory.Exists(Path.Combine(app.DataFolder, "media")) ? Directory.GetFiles(Path.Combine(app.DataFolder, "media")) : [];

    [Fact]
    public async Task A_phone_photo_is_served_as_upright_sized_variants_without_its_exif_and_never_as_uploaded()
    {
        var (client, _, imagesPath) = await ProductAsync("Photo " + Guid.NewGuid().ToString("N")[..6]);
        using var _ = client;
        var original = TestPictures.WithExifOrientationAndGps(TestPictures.Jpeg(1800, 1200));
        using (var codec = SKCodec.Create(SKData.CreateCopy(original)))
            Assert.Equal(SKEncodedOrigin.RightTop, codec.EncodedOrigin); // the test photo does carry its EXIF

        var response = await client.PostAsync(imagesPath, Upload(original, "IMG_0001.jpg"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var url = (await JsonOf(response)).GetProperty("url").GetString()!;
        var id = MediaUrls.IdOf(url)!.Value;

        // Shown upright, the photo is 1200×1800: each variant fits its box on the longer edge.
        (string Variant, int Width, int Height)[] expected = [("thumb", 133, 200), ("card", 427, 640), ("full", 1067, 1600)];
        using var anonymous = app.CreateClient();
        foreach (var (variant, width, height) in expected)
        foreach (var (extension, type, format) in new[] { ("webp", "image/webp", SKEncodedImageFormat.Webp), ("jpg", "image/jpeg", SKEncodedImageFormat.Jpeg) })
        {
            var served = await anonymous.GetAsync($"/media/{id:N}-{variant}.{extension}");
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal(type, served.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", served.Headers.CacheControl?.ToString());
            var bytes = await served.Content.ReadAsByteArrayAsync();
            Assert.False(TestPictures.HasExif(bytes), $"{variant}.{extension} carries EXIF");
            using var codec = SKCodec.Create(SKData.CreateCopy(bytes));
            Assert.Equal(format, codec.EncodedFormat);
            Assert.Equal((width, height), (codec.Info.Width, codec.Info.Height));
            Assert.Equal(SKEncodedOrigin.TopLeft, codec.EncodedOrigin);
            // Turned a quarter right: the photo's left (red) half is now on top, its right (blue) half below.
            using var pixels = SKBitmap.Decode(codec);
            var top = pixels.GetPixel(width / 2, height / 4);
            var bottom = pixels.GetPixel(width / 2, height * 3 / 4);
            Assert.True(top.Red > 150 && top.Blue < 110, $"{variant}.{extension}: top is {top}");
            Assert.True(bottom.Blue > 150 && bottom.Red < 110, $"{variant}.{extension}: bottom is {bottom}");
        }

        // The address products store serves the full variant, not the upload; nothing else under the id is served.
        var address = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, address.StatusCode);
        var addressBytes = await address.Content.ReadAsByteArrayAsync();
        Assert.NotEqual(original, addressBytes);
        Assert.False(TestPictures.HasExif(addressBytes));
        Assert.Equal(await anonymous.GetByteArrayAsync($"/media/{id:N}-full.jpg"), addressBytes);
        foreach (var other in new[] { $"/media/{id:N}.png", $"/media/{id:N}-original.jpg", $"/media/{id:N}-full.png", $"/media/{id:N}-card.jpg.tmp" })
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(other)).StatusCode);
    }

    [Fact]
    public async Task No_file_kept_for_an_uploaded_photo_holds_its_exif_or_gps_and_the_master_is_upright()
    {
        var (client, _, imagesPath) = await ProductAsync("Located " + Guid.NewGuid().ToString("N")[..6]);
        using var _ = client;
        var original = TestPictures.WithExifOrientationAndGps(TestPictures.Jpeg(1800, 1200, seed: 3));
        Assert.True(TestPictures.HasExif(original) && TestPictures.HasGps(original)); // the probes do see them

        var response = await client.PostAsync(imagesPath, Upload(original, "IMG_0002.jpg"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = MediaUrls.IdOf((await JsonOf(response)).GetProperty("url").GetString())!.Value;

        var stored = Directory.GetFiles(Path.Combine(app.DataFolder, "media"), $"{id:N}*");
        Assert.Equal(7, stored.Length); // the master and the six variants, nothing else
        foreach (var path in stored)
        {
            var bytes = await File.ReadAllBytesAsync(path);
            Assert.False(TestPictures.HasExif(bytes), $"{Path.GetFileName(path)} carries EXIF");
            Assert.False(TestPictures.HasGps(bytes), $"{Path.GetFileName(path)} carries the GPS position");
        }

        // The master stands in for the upload under the same name: a JPEG, upright, at the photo's own size.
        var master = await File.ReadAllBytesAsync(Path.Combine(app.DataFolder, "media", $"{id:N}.jpg"));
        Assert.NotEqual(original, master);
        using var codec = SKCodec.Create(SKData.CreateCopy(master));
        Assert.Equal(SKEncodedImageFormat.Jpeg, codec.EncodedFormat);
        Assert.Equal(SKEncodedOrigin.TopLeft, codec.EncodedOrigin);
        Assert.Equal((1200, 1800), (codec.Info.Width, codec.Info.Height));
        using var pixels = SKBitmap.Decode(codec);
        Assert.True(pixels.GetPixel(600, 450).Red > 150, $"top is {pixels.GetPixel(600, 450)}");   // the photo's left (red) half
        Assert.True(pixels.GetPixel(600, 1350).Blue > 150, $"bottom is {pixels.GetPixel(600, 1350)}");
    }

    [Fact]
    public void A_large_photo_is_kept_as_a_master_of_at_most_3200_pixels_and_its_variants_are_made_from_it()
    {
        var processed = ImageProcessor.Process(TestPictures.Jpeg(4000, 3000, seed: 5), 40_000_000, "file");
        Assert.Equal((4000, 3000), (processed.Width, processed.Height)); // the picture's own size, as stored on its row
        Assert.Equal((3200, 2400), (processed.Master.Width, processed.Master.Height));
        using (var codec = SKCodec.Create(SKData.CreateCopy(processed.Master.Bytes)))
            Assert.Equal((3200, 2400), (codec.Info.Width, codec.Info.Height));
        Assert.Equal([("full", 1600, 1200), ("card", 640, 480), ("thumb", 200, 150)],
            processed.Variants.Where(v => v.Encoding == VariantEncoding.Jpeg).Select(v => (v.Variant.Name, v.Width, v.Height)));
        // The sizes a srcset announces are those made, from the picture's size alone.
        Assert.Equal(processed.Variants.Where(v => v.Encoding == VariantEncoding.Jpeg).Select(v => (v.Variant, v.Width, v.Height)),
            ImageProcessor.VariantSizes(4000, 3000).Select(s => (s.Variant, s.Width, s.Height)));
    }

    [Fact]
    public async Task A_picture_too_large_to_decode_is_refused_from_its_header_and_nothing_is_stored()
    {
        var (client, product, imagesPath) = await ProductAsync("Huge " + Guid.NewGuid().ToString("N")[..6]);
        using var _ = client;
        var files = MediaFolderFiles().Length;
        await using (var db = Db(app))
        {
            var rows = db.MediaFiles.Count();
            // 30000×30000 is 900 megapixels (3.6 GB of pixels) in a file of a few hundred bytes.
            var bomb = TestPictures.PngClaiming(30_000, 30_000);
            Assert.True(bomb.Length < 4096, $"{bomb.Length} bytes");
            var response = await client.PostAsync(imagesPath, Upload(bomb, "poster.png", "image/png"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = (await JsonOf(response)).GetProperty("errors").GetProperty("file")[0].GetString();
            Assert.Contains("30000×30000", problem);
            Assert.Contains("40 megapixels", problem);

            // Text named like a photo, and a JPEG cut after its header: refused the same way, never a 500.
            var text = await client.PostAsync(imagesPath, Upload(TestPictures.TextNamedJpeg, "holiday.jpg"));
            Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
            Assert.Contains("Only PNG, JPEG or WebP", (await JsonOf(text)).GetProperty("errors").GetProperty("file")[0].GetString());
            var broken = await client.PostAsync(imagesPath, Upload([0xFF, 0xD8, 0xFF, 0xE0, 0, 16, .. "JFIF\0"u8.ToArray(), 1, 2, 3], "cut.jpg"));
            Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);

            Assert.Equal(rows, db.MediaFiles.Count());
        }
        Assert.Equal(files, MediaFolderFiles().Length);
        var unchanged = await client.GetStringAsync($"/api/v1/products/{product.GetProperty("id").GetInt32()}");
        Assert.Equal(0, JsonDocument.Parse(unchanged).RootElement.GetProperty("images").GetArrayLength());
    }

    [Fact]
    public async Task A_product_card_and_page_offer_the_variants_in_a_srcset_described_by_their_real_widths()
    {
        var name = "Srcset lamp " + Guid.NewGuid().ToString("N")[..6];
        var (client, product, imagesPath) = await ProductAsync(name);
        using var _ = client;
        // A portrait picture: every variant is narrower than its box, so box sizes would be the wrong descriptors.
        var url = (await JsonOf(await client.PostAsync(imagesPath, Upload(TestPictures.Jpeg(1200, 1800), "lamp.jpg")))).GetProperty("url").GetString()!;
        var id = MediaUrls.IdOf(url)!.Value;

        using var anonymous = app.CreateClient();
        var card = await CardAsync(anonymous, name);
        var img = card.QuerySelector("picture > img")!;
        Assert.Equal($"/media/{id:N}-thumb.jpg 133w, /media/{id:N}-card.jpg 427w, /media/{id:N}-full.jpg 1067w", img.GetAttribute("srcset"));
        Assert.Equal(ResponsiveImage.CardSizes, img.GetAttribute("sizes"));
        Assert.Equal($"/media/{id:N}-card.jpg", img.GetAttribute("src")); // the narrowest at least as wide as the 320px slot
        var webp = card.QuerySelector("picture > source[type='image/webp']")!;
        Assert.Equal($"/media/{id:N}-thumb.webp 133w, /media/{id:N}-card.webp 427w, /media/{id:N}-full.webp 1067w", webp.GetAttribute("srcset"));
        Assert.Equal(ResponsiveImage.CardSizes, webp.GetAttribute("sizes"));
        // Each descriptor is the width of the file it names.
        foreach (var candidate in webp.GetAttribute("srcset")!.Split(", ").Concat(img.GetAttribute("srcset")!.Split(", ")))
        {
            var (address, descriptor) = (candidate.Split(' ')[0], candidate.Split(' ')[1]);
            var served = await anonymous.GetAsync(address);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            using var codec = SKCodec.Create(SKData.CreateCopy(await served.Content.ReadAsByteArrayAsync()));
            Assert.Equal(descriptor, $"{codec.Info.Width}w");
        }

        // The product page's gallery: the same candidates, for the cover's slot.
        var page = new HtmlParser().ParseDocument(await anonymous.GetStringAsync($"/p/{product.GetProperty("slug").GetString()}"));
        var cover = page.QuerySelector(".gallery picture > img")!;
        Assert.Equal(img.GetAttribute("srcset"), cover.GetAttribute("srcset"));
        Assert.Equal(ResponsiveImage.GalleryCoverSizes, cover.GetAttribute("sizes"));
        Assert.Equal($"/media/{id:N}-full.jpg", cover.GetAttribute("src"));
    }

    [Fact]
    public async Task An_upload_stored_before_variants_and_masters_existed_gets_them_once_on_its_first_requests()
    {
        var media = app.Services.GetRequiredService<MediaStore>();
        var upload = TestPictures.WithExifOrientationAndGps(TestPictures.Jpeg(800, 600));
        var file = await media.SaveAsync("legacy", "old.jpg", new MemoryStream(upload));
        var folder = Path.Combine(app.DataFolder, "media");
        // As stored before: the upload's own bytes, EXIF and GPS included, and no variant.
        foreach (var variant in Directory.GetFiles(folder, $"{file.Id:N}-*")) File.Delete(variant);
        await File.WriteAllBytesAsync(Path.Combine(folder, $"{file.Id:N}.jpg"), upload);

        using var anonymous = app.CreateClient();
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => anonymous.GetAsync($"/media/{file.Id:N}-card.webp")));
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var codec = SKCodec.Create(SKData.CreateCopy(await response.Content.ReadAsByteArrayAsync()));
            Assert.Equal((480, 640), (codec.Info.Width, codec.Info.Height)); // upright
        }
        Assert.Equal(6, Directory.GetFiles(folder, $"{file.Id:N}-*").Length); // all six, and no temporary file left
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(file.Url)).StatusCode);
        // The kept upload has given way to a master without its metadata.
        var kept = await File.ReadAllBytesAsync(Path.Combine(folder, $"{file.Id:N}.jpg"));
        Assert.False(TestPictures.HasExif(kept) || TestPictures.HasGps(kept));
        using (var master = SKCodec.Create(SKData.CreateCopy(kept)))
            Assert.Equal((600, 800, SKEncodedOrigin.TopLeft), (master.Info.Width, master.Info.Height, master.EncodedOrigin));
    }

    /// <summary>The product's card on the search page, once the node's index has read the upload (it follows the outbox).</summary>
    private static async Task<AngleSharp.Dom.IElement> CardAsync(HttpClient client, string name)
    {
        for (var attempt = 0; ; attempt++)
        {
            var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/search?q=" + Uri.EscapeDataString(name)));
            var card = page.QuerySelectorAll("article.product-card").FirstOrDefault(c => c.TextContent.Contains(name) && c.QuerySelector("picture") is not null);
            if (card is not null) return card;
            Assert.True(attempt < 300, "the uploaded image never reached the search page: " +
                page.QuerySelectorAll("article.product-card").FirstOrDefault(c => c.TextContent.Contains(name))?.OuterHtml);
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task A_typical_2000_by_1500_photo_is_processed_in_well_under_a_second_of_cpu()
    {
        var photo = TestPictures.WithExifOrientationAndGps(TestPictures.Jpeg(2000, 1500, seed: 7));
        ImageProcessor.Process(photo, 40_000_000, "file"); // loads the native library
        var (wall, cpu) = (new List<double>(), new List<double>());
        for (var i = 0; i < 5; i++)
        {
            // The machine running the tests is shared: the thread's own CPU time says what one upload costs.
            var cpuBefore = ThreadCpuMilliseconds();
            var watch = Stopwatch.StartNew();
            var processed = ImageProcessor.Process(photo, 40_000_000, "file");
            wall.Add(watch.Elapsed.TotalMilliseconds);
            cpu.Add(ThreadCpuMilliseconds() - cpuBefore);
            Assert.Equal((1500, 2000), (processed.Width, processed.Height)); // upright
            Assert.Equal(6, processed.Variants.Count);
        }
        var media = app.Services.GetRequiredService<MediaStore>();
        var stored = Stopwatch.StartNew();
        await media.SaveAsync("bench", "photo.jpg", new MemoryStream(photo));
        stored.Stop();
        wall.Sort();
        cpu.Sort();
        output.WriteLine($"2000×1500 JPEG ({photo.Length / 1024} KB) → thumb, card, full × WebP + JPEG: median {cpu[2]:0} ms CPU " +
            $"(min {cpu[0]:0}, max {cpu[^1]:0}), median {wall[2]:0} ms wall; stored through MediaStore in {stored.ElapsedMilliseconds} ms wall " +
            $"(load average {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?")})");
        if (!double.IsNaN(cpu[2])) Assert.True(cpu[2] < 1000, $"median {cpu[2]:0} ms of CPU");
    }

    /// <summary>The calling thread's time on a CPU (Linux scheduler statistics), or NaN where it is not available.</summary>
    private static double ThreadCpuMilliseconds() =>
        File.Exists("/proc/thread-self/schedstat") && long.TryParse(File.ReadAllText("/proc/thread-self/schedstat").Split(' ')[0], out var ns) && ns > 0
            ? ns / 1e6 : double.NaN;
}
